# help.t - the help a user sees, generated from the command table
# (src/main.c) and the subcommand tables, and the guard that every option a
# command's --help lists is named in its synopsis.

== every option of every command and subcommand is in its synopsis
$ sh "$CLI_TOP/tests/cli/synopsis.sh"

== serptrack --help lists the commands
$ serptrack --help
usage: serptrack [--db PATH] [--config FILE] [--verbose] COMMAND [ARGS]

commands:
    init       create or migrate the database
    site       add, change, list or remove tracked sites
    kw         add, import, list or remove keywords
    track      fetch, parse and store SERPs now
    run        cron entry: track what is due, resume, send alerts
    parse      parse saved result pages offline
    rank       latest position per keyword with changes
    history    position of one keyword over time
    serp       the stored result page of a check
    chart      trend charts through gnuplot
    report     self-contained HTML client report
    export     everything as CSV or JSON
    research   expand, suggest, analyze, score, import-volume
    locations  search the canonical names of US cities
    grid       geo-grid local rank: add, scan, show, chart, list, remove
    value      what a site's rankings are worth
    portfolio  every site: status, rent, ranks, leads
    leads      import and list call-tracking calls
    alerts     rank alerts raised by run
    reparse    re-run the parsers over archived pages
    usage      requests and cost per provider
    plan       what tracking will cost, before it is spent
    doctor     check config, database, gnuplot, providers

The options before COMMAND may also follow it (run --verbose).
'serptrack COMMAND --help' shows a command's options.

== help with no command is --help
$ serptrack help
usage: serptrack [--db PATH] [--config FILE] [--verbose] COMMAND [ARGS]

commands:
    init       create or migrate the database
    site       add, change, list or remove tracked sites
    kw         add, import, list or remove keywords
    track      fetch, parse and store SERPs now
    run        cron entry: track what is due, resume, send alerts
    parse      parse saved result pages offline
    rank       latest position per keyword with changes
    history    position of one keyword over time
    serp       the stored result page of a check
    chart      trend charts through gnuplot
    report     self-contained HTML client report
    export     everything as CSV or JSON
    research   expand, suggest, analyze, score, import-volume
    locations  search the canonical names of US cities
    grid       geo-grid local rank: add, scan, show, chart, list, remove
    value      what a site's rankings are worth
    portfolio  every site: status, rent, ranks, leads
    leads      import and list call-tracking calls
    alerts     rank alerts raised by run
    reparse    re-run the parsers over archived pages
    usage      requests and cost per provider
    plan       what tracking will cost, before it is spent
    doctor     check config, database, gnuplot, providers

The options before COMMAND may also follow it (run --verbose).
'serptrack COMMAND --help' shows a command's options.

== help CMD shows the command's synopsis from the table (report lists all its options)
$ serptrack help report
usage: serptrack report --site D [--client C] [--brand B] [--out FILE.html] [--since DATE | --days N] [--sort KEY] [--competitor C] [--mode OCTAL]

self-contained HTML client report

'serptrack report --help' shows its options.

== help CMD of a command with subcommands lists them
$ serptrack help kw
usage: serptrack kw SUBCOMMAND [ARGS]

    add            track one keyword
    import         keywords from a CSV file with a header
    list           tracked keywords
    set            edit a keyword in place, keeping its history
    pause          never fetch (nor bill) these keywords
    resume         fetch paused keywords again
    rm             remove keywords and their history

'serptrack kw SUBCOMMAND --help' shows its options.

== help of a prefix finds the command
$ serptrack help hist
usage: serptrack history --keyword ID [--site D] [--since DATE] [--format table|csv|json]

position of one keyword over time

'serptrack history --help' shows its options.

== help of an unknown command is a usage error with a suggestion
$ serptrack help rnak
? 2
2> did you mean rank?

== a command's --help starts with the same synopsis
$ serptrack report --help | head -1
usage: serptrack report --site D [--client C] [--brand B] [--out FILE.html] [--since DATE | --days N] [--sort KEY] [--competitor C] [--mode OCTAL]

== a subcommand's --help starts with its synopsis from the table
$ serptrack kw set --help | head -1
usage: serptrack kw set ID [--tag T]... [--no-tags] [--depth N] [--schedule S]

== a command with subcommands: --help lists them, exit 0
$ serptrack research --help
usage: serptrack research SUBCOMMAND [ARGS]

    expand         niche x city x modifier keyword lists (CSV for kw import)
    suggest        autocomplete expansion of a seed
    analyze        competition signals of one SERP, with the evidence
    score          opportunity score per keyword of a CSV
    import-volume  search volumes from Keyword Planner or CSV
    import-gsc     a site's Search Console Queries.csv (actual clicks)

'serptrack research SUBCOMMAND --help' shows its options.

== ... none is a usage error listing them on stderr
! serptrack init
$ serptrack site
? 2
2> site: expected a subcommand (add, set, list, rm)
2> usage: serptrack site SUBCOMMAND [ARGS]

== ... an unknown one names the expected ones
$ serptrack leads frob
? 2
2> leads: unknown subcommand 'frob' (expected import, list)

== ... an alias is accepted
$ serptrack site ls --format csv
domain,name,client,status,rent,competitor,niche,phone,paused,competitor_of,business_name,created_at

== the version
$ serptrack --version
serptrack 0.1.0

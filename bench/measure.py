"""measure.py PREFIX CMD... - runs CMD and prints PREFIX_wall_s, PREFIX_cpu_s
and PREFIX_peak_rss_mb as key=value lines (peak RSS of the largest child:
getrusage(RUSAGE_CHILDREN).ru_maxrss). Exit status is CMD's."""
import resource
import subprocess
import sys
import time

prefix, cmd = sys.argv[1], sys.argv[2:]
t0 = time.perf_counter()
rc = subprocess.call(cmd, stdout=subprocess.DEVNULL)
wall = time.perf_counter() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{prefix}_wall_s={wall:.2f}")
print(f"{prefix}_cpu_s={ru.ru_utime + ru.ru_stime:.2f}")
print(f"{prefix}_peak_rss_mb={ru.ru_maxrss / 1024:.1f}")
sys.exit(rc)

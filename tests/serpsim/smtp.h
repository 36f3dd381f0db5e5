/* smtp.h - a minimal SMTP sink for alert e-mail tests: accepts EHLO/HELO,
 * MAIL, RCPT, DATA, RSET, NOOP, QUIT on 127.0.0.1 and keeps each message. */
#ifndef SERPSIM_SMTP_H
#define SERPSIM_SMTP_H

#include <jansson.h>
#include <signal.h>

/* Starts the sink on port (0 = a free one); returns the bound port or -1.
 * It stops when *stop becomes non-zero or smtp_stop() is called. */
int smtp_start(int port, volatile sig_atomic_t *stop);
void smtp_stop(void);
/* Appends each received message (a JSON string) to arr. */
void smtp_mails_json(json_t *arr);

#endif

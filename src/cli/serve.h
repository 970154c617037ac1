/* serve.h: the `bpfdojo serve` command (serve.c). */
#ifndef DOJO_CLI_SERVE_H
#define DOJO_CLI_SERVE_H

/* argv[0] is "serve".  Returns the process exit status. */
int cli_serve(int argc, char **argv);

#endif

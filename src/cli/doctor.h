/* doctor.h: `bpfdojo doctor` (doctor.c). */
#ifndef DOJO_CLI_DOCTOR_H
#define DOJO_CLI_DOCTOR_H

/* Check this machine, print one line per check and each fix; @argv[0] is "doctor", then
 * options (--quick: do not probe the accelerator nor build the snapshot).  Returns the exit
 * status: 0 when all is OK, 1 when something is missing, 3 for a usage error. */
int cli_doctor(int argc, char **argv);

#endif

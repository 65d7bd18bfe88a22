// Administrative subcommands of the kadedb shell: check, backup, restore.
//
//   kadedb check DBDIR            verify indexes against tables and the catalog; prints "ok" or
//                                 one line per problem; exit 1 on any problem or open failure
//   kadedb backup DBDIR DEST      online, incremental backup into DEST (see docs/backup.md)
//   kadedb restore DEST NEWDIR    restore the latest backup in DEST into a new directory
#pragma once

namespace kadedb {

// Whether name is one of the subcommands above.
bool IsAdminCommand(const char* name);
// Runs subcommand argv[0] with its arguments argv[1..argc-1]. Returns the process exit code:
// 0 success, 1 failure or problems found, 2 usage error.
int RunAdminCommand(int argc, char** argv);

}  // namespace kadedb

// `kadedb import DBDIR TABLE FILE.csv [--header] [--delimiter C]`: bulk-loads a CSV file into an
// existing table with COPY ... FROM.
#pragma once

namespace kadedb {

// args are the words after "import". Returns the process exit code.
int RunImportCommand(int argc, char** argv);

}  // namespace kadedb

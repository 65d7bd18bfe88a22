// RowGroupSealer: the background thread that seals full row groups out of the row store.
//
// Every writable DataTable registers itself on construction and unregisters on destruction.
// When DataTable::Append takes a table's row store past a full row group, the appending
// transaction's commit calls Notify(table); the sealer then runs DataTable::SealFullRowGroups
// for the notified tables that are still registered (each sealing is one
// transaction of its own, so it never blocks readers; writers of the same rows get 40001 at
// worst). Unregister waits until a sealing of that table in progress has finished.
//
// Threading: all functions are thread-safe. The thread starts with the first registration and
// stops at process exit. KADEDB_SEALER=off in the environment disables it (tests).
#pragma once

namespace kadedb {

class DataTable;

class RowGroupSealer {
 public:
  static void Register(DataTable* table);
  static void Unregister(DataTable* table);
  // table: any pointer; it is used only if still registered.
  static void Notify(DataTable* table);
  // Blocks until the sealer has no pending work and is idle (tests, benchmarks).
  static void WaitIdle();
};

}  // namespace kadedb

// HashAggregateState: the sink state of PhysicalHashAggregate (global, or one thread's while a
// parallel pipeline runs), and the helpers its merge and zone-range partitioning share. Internal
// to the hash aggregate (physical_hash_aggregate.cpp, zone_range_aggregate.cpp).
#pragma once

#include <algorithm>
#include <limits>
#include <memory>
#include <vector>

#include "execution/aggregate_hash_table.hpp"
#include "execution/morsel_groups.hpp"
#include "execution/operator/hash_aggregate_output.hpp"
#include "execution/operator/physical_hash_aggregate.hpp"

namespace kadedb {

struct HashAggregateState : OperatorState {
  const PhysicalHashAggregate* op = nullptr;
  std::vector<GroupTable> tables;
  size_t table_out = 0;  // GetData position
  size_t group_out = 0;
  // Parallel: thread-local states waiting for the merge in Finalize.
  std::vector<std::unique_ptr<HashAggregateState>> pending;
  bool many_groups = false;  // (thread-local) set by PrepareCombine
  // Sink's per-chunk buffers, kept between chunks (no allocation and zero-fill per chunk).
  std::vector<uint64_t> group_ids;
  std::vector<uint8_t*> states, bases;
  // Zone-range partitioning (op->range_scan): tables of final groups (a thread's own until
  // Combine hands them to the global state), the per-morsel lookup, the rows of a chunk inside
  // / outside their morsel's exclusive interval, and the key range of rows that came from
  // outside sealed row groups (the final groups it covers are merged in Finalize).
  std::vector<GroupTable> finals;
  std::unique_ptr<MorselGroups> morsel;
  std::vector<uint32_t> inner_rows, other_rows;
  bool has_tail = false;
  int64_t tail_min = std::numeric_limits<int64_t>::max();
  int64_t tail_max = std::numeric_limits<int64_t>::min();
  // GetData destroys the states of the groups it has passed (while they are in cache): those of
  // tables[0, destroyed_table) and of tables[destroyed_table] below destroyed_upto.
  size_t destroyed_table = 0;
  size_t destroyed_upto = 0;
  // Destroys the states of the groups before group `upto` of tables[table] not destroyed yet.
  void DestroyUpTo(size_t table, size_t upto) {
    while (destroyed_table < tables.size() &&
           (destroyed_table < table || (destroyed_table == table && destroyed_upto < upto))) {
      GroupTable& t = tables[destroyed_table];
      size_t end = destroyed_table < table ? t.group_count : std::min(upto, t.group_count);
      for (size_t g = destroyed_upto; g < end; g++) {
        uint8_t* base = GroupStates(*op, t, g);
        for (auto& a : op->aggregates) a.kernel->Destroy(base + a.state_offset);
      }
      if (destroyed_table < table) {
        destroyed_table++;
        destroyed_upto = 0;
      } else {
        destroyed_upto = end;
      }
    }
  }
  // Set by StartOutputProducer: GetData takes its chunks from it.
  std::unique_ptr<OutputProducer> producer;
  ~HashAggregateState() override {
    producer.reset();  // stopped and joined before anything it reads goes
    DestroyUpTo(tables.size(), 0);
    for (auto& t : finals) {
      for (size_t g = 0; g < t.group_count; g++) {
        uint8_t* base = GroupStates(*op, t, g);
        for (auto& a : op->aggregates) a.kernel->Destroy(base + a.state_offset);
      }
    }
  }
};

// Merges groups ids[0, n) of src (all of them when ids is null) into dst: finds or creates each
// group by its keys (and stored hash, when src keeps hashes) and combines the states.
void MergeGroups(ExecState& state, const PhysicalHashAggregate& op, GroupTable& dst,
                 GroupTable& src, const uint32_t* ids, size_t n);
// An empty table for the same grouping set as like.
void InitTableLike(GroupTable& t, const GroupTable& like, const PhysicalHashAggregate& op);

// Output (hash_aggregate_output.cpp): the next chunk of groups into out (false: none left; the
// states of the groups passed are destroyed), as GetData returns them.
bool NextGroupChunk(const PhysicalHashAggregate& op, HashAggregateState& st, DataChunk& out);
// Finalize, last: many groups and more than one thread allowed: st.producer builds the chunks.
void StartOutputProducer(ExecState& state, const PhysicalHashAggregate& op, HashAggregateState& st);

// Zone-range partitioning (zone_range_aggregate.cpp). Fills st.bases for the count rows of a
// chunk whose group key is key: rows inside their sealed row group's exclusive interval get
// final groups (MorselGroups), the others groups of t (the ordinary lookup).
void ZoneRangeBases(ExecState& state, const PhysicalHashAggregate& op, HashAggregateState& st,
                    GroupTable& t, const Vector& key, size_t count);
// Combine: a thread's final groups and row-store key range go to the global state.
void ZoneRangeCombine(HashAggregateState& global, HashAggregateState& local);
// Finalize, before the merge of the ordinary tables: final groups whose key a row outside the
// sealed row groups may also have are merged into st.tables[0] (and marked moved).
void ZoneRangeResolve(ExecState& state, const PhysicalHashAggregate& op, HashAggregateState& st);
// Finalize, after that merge: the final tables join st.tables for GetData.
void ZoneRangeAppend(const PhysicalHashAggregate& op, HashAggregateState& st);

}  // namespace kadedb

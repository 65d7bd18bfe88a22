// The public C++ API (include/kadedb/database.hpp) on top of DatabaseInstance and ClientContext.
#include "kadedb/database.hpp"

#include "main/client_context.hpp"
#include "main/database_instance.hpp"
#include "parser/statement_splitter.hpp"

namespace kadedb {

// --- Result ---

void Result::SetColumns(std::vector<std::string> names, std::vector<LogicalType> types) {
  names_ = std::move(names);
  types_ = std::move(types);
}

void Result::AddChunk(DataChunk chunk) {
  if (chunk.size() == 0) return;
  if (sink_) {
    streamed_rows_ += chunk.size();
    sink_(chunk);
    return;
  }
  chunks_.push_back(std::move(chunk));
}

uint64_t Result::RowCount() const {
  uint64_t n = streamed_rows_;
  for (auto& c : chunks_) n += c.size();
  return n;
}

Value Result::GetValue(size_t col, uint64_t row) const {
  for (auto& c : chunks_) {
    if (row < c.size()) return c.GetValue(col, row);
    row -= c.size();
  }
  return Value();
}

std::vector<Value> Result::Row(uint64_t row) const {
  std::vector<Value> out;
  for (auto& c : chunks_) {
    if (row < c.size()) {
      for (size_t i = 0; i < c.ColumnCount(); i++) out.push_back(c.GetValue(i, row));
      return out;
    }
    row -= c.size();
  }
  return out;
}

// --- PreparedStatement ---

PreparedStatement::PreparedStatement(std::unique_ptr<PreparedStatementData> data)
    : data_(std::move(data)) {}
PreparedStatement::~PreparedStatement() = default;
size_t PreparedStatement::ParameterCount() const {
  return data_->parameter_types.size();
}
const std::vector<LogicalType>& PreparedStatement::ParameterTypes() const {
  return data_->parameter_types;
}
const std::vector<std::string>& PreparedStatement::ColumnNames() const {
  return data_->names;
}
const std::vector<LogicalType>& PreparedStatement::ColumnTypes() const {
  return data_->types;
}

// --- Connection ---

Connection::Connection(std::unique_ptr<ClientContext> context) : context_(std::move(context)) {}
Connection::~Connection() = default;

Result Connection::Query(std::string_view sql) {
  return context_->Query(sql, nullptr);
}

Result Connection::Query(std::string_view sql, const std::vector<Value>& params) {
  return context_->Query(sql, &params);
}

Status Connection::Prepare(std::string_view sql, std::unique_ptr<PreparedStatement>* out) {
  std::unique_ptr<PreparedStatementData> data;
  Status s = context_->Prepare(sql, &data);
  if (!s.ok()) return s;
  *out = std::make_unique<PreparedStatement>(std::move(data));
  return Status::OK();
}

Result Connection::Execute(PreparedStatement& stmt, const std::vector<Value>& params) {
  if (stmt.data().owner != context_.get()) {
    return Result(Status::InvalidArgument("prepared statement belongs to another connection"));
  }
  return context_->Execute(stmt.data(), params);
}

void Connection::SetChunkSink(std::function<void(DataChunk&)> sink) {
  context_->SetChunkSink(std::move(sink));
}

std::vector<std::string> Connection::SplitStatements(std::string_view sql) {
  return kadedb::SplitStatements(sql);
}

bool Connection::IsComplete(std::string_view sql) {
  return IsCompleteStatement(sql);
}

// --- Database ---

Database::Database(std::unique_ptr<DatabaseInstance> instance) : instance_(std::move(instance)) {}
Database::~Database() = default;

Status Database::Open(const std::string& path, const Options& options,
                      std::unique_ptr<Database>* db) {
  std::unique_ptr<DatabaseInstance> instance;
  Status s = DatabaseInstance::Open(path, options, &instance);
  if (!s.ok()) return s;
  *db = std::make_unique<Database>(std::move(instance));
  return Status::OK();
}

std::unique_ptr<Connection> Database::Connect() {
  return std::make_unique<Connection>(std::make_unique<ClientContext>(*instance_));
}

const std::string& Database::path() const {
  return instance_->path();
}

}  // namespace kadedb

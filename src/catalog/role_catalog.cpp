// RoleCatalog: loading, lookups, privilege checks and the persisted changes (see role_catalog.hpp).
#include "catalog/role_catalog.hpp"

#include <algorithm>
#include <mutex>

#include "catalog/catalog.hpp"
#include "catalog/catalog_state.hpp"
#include "common/exception.hpp"
#include "storage/key_codec.hpp"
#include "storage/varint.hpp"

namespace kadedb {

namespace {

constexpr uint8_t kRoleFormat = 1;    // ACL entries; role entries without memberships
constexpr uint8_t kRoleFormatV2 = 2;  // role entries followed by their memberships

std::string Key(CatalogType type, uint64_t oid) {
  std::string k(1, static_cast<char>(type));
  PutFixed64BE(&k, oid);
  return k;
}

[[noreturn]] void ThrowBad() {
  throw Exception(sqlstate::kDataCorrupted, "role catalog entry is corrupted or unreadable");
}

std::string SerializeRole(const RoleEntry& e) {
  std::string out(1, static_cast<char>(e.member_of.empty() ? kRoleFormat : kRoleFormatV2));
  PutLengthPrefixed(&out, e.name);
  uint8_t flags = (e.superuser ? 1 : 0) | (e.can_login ? 2 : 0) | (e.create_db ? 4 : 0) |
                  (e.create_role ? 8 : 0) | (e.inherit ? 16 : 0);
  out.push_back(static_cast<char>(flags));
  PutSignedVarint(&out, e.connection_limit);
  PutLengthPrefixed(&out, e.scram_verifier);
  if (!e.member_of.empty()) {
    PutVarint(&out, e.member_of.size());
    for (auto& [role, admin] : e.member_of) {
      PutVarint(&out, role);
      out.push_back(admin ? 1 : 0);
    }
  }
  return out;
}

void DeserializeRole(std::string_view data, RoleEntry* e) {
  ByteReader r(data);
  uint8_t version, flags;
  int64_t limit;
  if (!r.Byte(&version) || (version != kRoleFormat && version != kRoleFormatV2)) ThrowBad();
  if (!r.String(&e->name) || !r.Byte(&flags) || !r.SignedVarint(&limit) ||
      !r.String(&e->scram_verifier)) {
    ThrowBad();
  }
  if (version == kRoleFormatV2) {
    uint64_t n;
    if (!r.Varint(&n)) ThrowBad();
    for (uint64_t i = 0; i < n; i++) {
      uint64_t role;
      uint8_t admin;
      if (!r.Varint(&role) || !r.Byte(&admin)) ThrowBad();
      e->member_of[role] = admin != 0;
    }
  }
  e->superuser = flags & 1;
  e->can_login = flags & 2;
  e->create_db = flags & 4;
  e->create_role = flags & 8;
  e->inherit = flags & 16;
  e->connection_limit = static_cast<int32_t>(limit);
}

std::string SerializeAcl(const AclEntry& acl) {
  std::string out(1, static_cast<char>(kRoleFormat));
  PutVarint(&out, acl.owner);
  PutVarint(&out, acl.grants.size());
  for (auto& [grantee, bits] : acl.grants) {
    PutVarint(&out, grantee);
    PutVarint(&out, bits);
  }
  return out;
}

void DeserializeAcl(std::string_view data, AclEntry* acl) {
  ByteReader r(data);
  uint8_t version;
  uint64_t n;
  if (!r.Byte(&version) || version != kRoleFormat || !r.Varint(&acl->owner) || !r.Varint(&n)) {
    ThrowBad();
  }
  for (uint64_t i = 0; i < n; i++) {
    uint64_t grantee, bits;
    if (!r.Varint(&grantee) || !r.Varint(&bits)) ThrowBad();
    acl->grants[grantee] = static_cast<uint32_t>(bits);
  }
}

}  // namespace

RoleCatalog::RoleCatalog(StorageEngine& engine) : engine_(engine) {
  auto it = engine.NewIterator(ColumnFamily::kCatalog);
  for (auto type : {CatalogType::kRole, CatalogType::kAcl}) {
    std::string prefix(1, static_cast<char>(type));
    for (it->Seek(prefix); it->Valid(); it->Next()) {
      std::string_view key = it->key();
      if (key.size() != 9 || key[0] != prefix[0]) break;
      uint64_t oid = GetFixed64BE(key.data() + 1);
      if (type == CatalogType::kRole) {
        RoleEntry e;
        e.oid = oid;
        DeserializeRole(it->value(), &e);
        roles_[oid] = std::move(e);
      } else {
        DeserializeAcl(it->value(), &acls_[oid]);
      }
    }
  }
  if (roles_.empty()) {
    RoleEntry boot;
    boot.oid = kBootstrapRoleOid;
    boot.name = kBootstrapRoleName;
    boot.superuser = boot.can_login = boot.create_db = boot.create_role = true;
    if (!engine.read_only()) {
      auto txn = engine.BeginTransaction();
      txn->Put(ColumnFamily::kCatalog, Key(CatalogType::kRole, boot.oid), SerializeRole(boot));
      txn->Commit();
    }
    roles_[boot.oid] = boot;
  }
  AddPredefinedRoles();
}

void RoleCatalog::AddPredefinedRoles() {
  static const std::pair<uint64_t, const char*> kPredefined[] = {
      {kPgReadAllDataOid, "pg_read_all_data"},
      {kPgWriteAllDataOid, "pg_write_all_data"},
      {kPgReadServerFilesOid, "pg_read_server_files"},
      {kPgWriteServerFilesOid, "pg_write_server_files"},
      {kPgCheckpointOid, "pg_checkpoint"},
  };
  for (auto& [oid, name] : kPredefined) {
    if (roles_.count(oid)) {  // stored once it became a member of another role
      roles_[oid].predefined = true;
      continue;
    }
    RoleEntry e;
    e.oid = oid;
    e.name = name;
    e.predefined = true;
    roles_[oid] = e;
  }
}

std::optional<RoleEntry> RoleCatalog::FindRole(const std::string& name) const {
  std::shared_lock lock(mutex_);
  for (auto& [oid, r] : roles_) {
    if (r.name == name) return r;
  }
  return std::nullopt;
}

std::optional<RoleEntry> RoleCatalog::FindRoleByOid(uint64_t oid) const {
  std::shared_lock lock(mutex_);
  auto it = roles_.find(oid);
  if (it == roles_.end()) return std::nullopt;
  return it->second;
}

std::vector<RoleEntry> RoleCatalog::Roles() const {
  std::shared_lock lock(mutex_);
  std::vector<RoleEntry> out;
  for (auto& [oid, r] : roles_) out.push_back(r);
  return out;
}

namespace {

// The grants an object has before any GRANT / REVOKE touched it: PUBLIC may use pg_catalog and
// information_schema, and use and create in public (PostgreSQL 14's default; 15 dropped CREATE).
AclEntry DefaultAcl(uint64_t object_oid) {
  AclEntry acl;
  if (object_oid == kPgCatalogOid || object_oid == kInformationSchemaOid) {
    acl.grants[kPublicRoleOid] = kPrivUsage;
  } else if (object_oid == kPublicSchemaOid) {
    acl.grants[kPublicRoleOid] = kPrivUsage | kPrivCreate;
  }
  return acl;
}

}  // namespace

AclEntry RoleCatalog::Acl(uint64_t object_oid) const {
  std::shared_lock lock(mutex_);
  auto it = acls_.find(object_oid);
  return it == acls_.end() ? DefaultAcl(object_oid) : it->second;
}

std::map<uint64_t, AclEntry> RoleCatalog::Acls() const {
  std::shared_lock lock(mutex_);
  return acls_;
}

bool RoleCatalog::IsSuperuser(uint64_t role_oid) const {
  std::shared_lock lock(mutex_);
  auto it = roles_.find(role_oid);
  return it != roles_.end() && it->second.superuser;
}

std::vector<uint64_t> RoleCatalog::RoleClosure(uint64_t role_oid, bool inherit_only) const {
  std::vector<uint64_t> out = {role_oid};
  for (size_t i = 0; i < out.size(); i++) {
    auto it = roles_.find(out[i]);
    if (it == roles_.end()) continue;
    if (inherit_only && !it->second.inherit) continue;
    for (auto& [parent, admin] : it->second.member_of) {
      if (std::find(out.begin(), out.end(), parent) == out.end()) out.push_back(parent);
    }
  }
  return out;
}

bool RoleCatalog::ReachesRole(uint64_t role_oid, uint64_t target_oid, bool inherit_only) const {
  std::shared_lock lock(mutex_);
  if (role_oid == target_oid) return true;
  auto role = roles_.find(role_oid);
  if (role != roles_.end() && role->second.superuser) return true;
  std::vector<uint64_t> closure = RoleClosure(role_oid, inherit_only);
  return std::find(closure.begin(), closure.end(), target_oid) != closure.end();
}

bool RoleCatalog::HasPrivsOfRole(uint64_t role_oid, uint64_t target_oid) const {
  return ReachesRole(role_oid, target_oid, true);
}

bool RoleCatalog::IsMemberOfRole(uint64_t role_oid, uint64_t target_oid) const {
  return ReachesRole(role_oid, target_oid, false);
}

std::vector<uint64_t> RoleCatalog::GranteeOids(const std::vector<std::string>& names) const {
  std::vector<uint64_t> oids;
  for (const std::string& name : names) {
    if (name == "public") {
      oids.push_back(kPublicRoleOid);
      continue;
    }
    std::optional<RoleEntry> role = FindRole(name);
    if (!role) throw Exception("42704", "role \"" + name + "\" does not exist");
    oids.push_back(role->oid);
  }
  return oids;
}

bool RoleCatalog::CanAdminRole(uint64_t role_oid, uint64_t target_oid) const {
  std::shared_lock lock(mutex_);
  auto role = roles_.find(role_oid);
  auto target = roles_.find(target_oid);
  if (role == roles_.end() || target == roles_.end()) return false;
  if (role->second.superuser) return true;
  if (target->second.superuser) return false;
  if (role->second.create_role) return true;
  // A member WITH ADMIN OPTION, directly or through roles it is a member of.
  for (uint64_t r : RoleClosure(role_oid, false)) {
    auto it = roles_.find(r);
    if (it == roles_.end()) continue;
    auto m = it->second.member_of.find(target_oid);
    if (m != it->second.member_of.end() && m->second) return true;
  }
  return false;
}

bool RoleCatalog::HasPrivilege(uint64_t role_oid, uint64_t object_oid, uint32_t wanted) const {
  std::shared_lock lock(mutex_);
  auto role = roles_.find(role_oid);
  if (role != roles_.end() && role->second.superuser) return true;
  auto it = acls_.find(object_oid);
  AclEntry fallback;
  if (it == acls_.end()) fallback = DefaultAcl(object_oid);
  const AclEntry& acl = it == acls_.end() ? fallback : it->second;
  uint32_t held = 0;
  auto public_grant = acl.grants.find(kPublicRoleOid);
  if (public_grant != acl.grants.end()) held |= public_grant->second;
  for (uint64_t r : RoleClosure(role_oid, true)) {
    if (acl.owner == r) return true;
    auto g = acl.grants.find(r);
    if (g != acl.grants.end()) held |= g->second;
    // Tables never ask for USAGE and schemas never for SELECT, so the bits can be merged.
    if (r == kPgReadAllDataOid) held |= kPrivSelect | kPrivUsage;
    if (r == kPgWriteAllDataOid) held |= kPrivInsert | kPrivUpdate | kPrivDelete | kPrivUsage;
  }
  return (held & wanted) == wanted;
}

uint64_t RoleCatalog::version() const {
  std::shared_lock lock(mutex_);
  return version_;
}

void RoleCatalog::PutRole(StorageTransaction& txn, const RoleEntry& e) {
  txn.Put(ColumnFamily::kCatalog, Key(CatalogType::kRole, e.oid), SerializeRole(e));
}

void RoleCatalog::PutAcl(StorageTransaction& txn, uint64_t object_oid, const AclEntry& acl) {
  // REQUIRES: mutex_ held exclusively. Restores the previous in-memory ACL on rollback.
  auto old = acls_.find(object_oid);
  std::optional<AclEntry> before;
  if (old != acls_.end()) before = old->second;
  txn.Put(ColumnFamily::kCatalog, Key(CatalogType::kAcl, object_oid), SerializeAcl(acl));
  acls_[object_oid] = acl;
  version_++;
  txn.OnRollback([this, object_oid, before] {
    std::unique_lock lock(mutex_);
    if (before) {
      acls_[object_oid] = *before;
    } else {
      acls_.erase(object_oid);
    }
    version_++;
  });
}

RoleEntry RoleCatalog::CreateRole(StorageTransaction& txn, RoleEntry entry, uint64_t oid) {
  std::unique_lock lock(mutex_);
  for (auto& [o, r] : roles_) {
    if (r.name == entry.name) {
      throw Exception("42710", "role \"" + entry.name + "\" already exists");
    }
  }
  entry.oid = oid;
  PutRole(txn, entry);
  roles_[oid] = entry;
  version_++;
  txn.OnRollback([this, oid] {
    std::unique_lock l(mutex_);
    roles_.erase(oid);
    version_++;
  });
  return entry;
}

void RoleCatalog::UpdateRole(StorageTransaction& txn, const RoleEntry& entry) {
  std::unique_lock lock(mutex_);
  auto it = roles_.find(entry.oid);
  if (it == roles_.end()) {
    throw Exception("42704", "role \"" + entry.name + "\" does not exist");
  }
  for (auto& [o, r] : roles_) {
    if (o != entry.oid && r.name == entry.name) {
      throw Exception("42710", "role \"" + entry.name + "\" already exists");
    }
  }
  RoleEntry before = it->second;
  PutRole(txn, entry);
  it->second = entry;
  version_++;
  txn.OnRollback([this, before] {
    std::unique_lock l(mutex_);
    roles_[before.oid] = before;
    version_++;
  });
}

void RoleCatalog::DropRole(StorageTransaction& txn, const std::string& name, bool if_exists) {
  std::unique_lock lock(mutex_);
  auto it = roles_.begin();
  while (it != roles_.end() && it->second.name != name) ++it;
  if (it == roles_.end()) {
    if (if_exists) return;
    throw Exception("42704", "role \"" + name + "\" does not exist");
  }
  uint64_t oid = it->first;
  if (it->second.predefined) {
    throw Exception("2BP01",
                    "cannot drop role " + name + " because it is required by the database system");
  }
  if (oid == kBootstrapRoleOid) {
    throw Exception("55006",
                    "cannot drop role " + name + " because it is required by the database system");
  }
  size_t owned = 0;
  for (auto& [object, acl] : acls_) owned += acl.owner == oid;
  if (owned > 0) {
    throw Exception("2BP01",
                    "role \"" + name + "\" cannot be dropped because some objects depend on it", 0,
                    "owner of " + std::to_string(owned) + " object" + (owned == 1 ? "" : "s"));
  }
  // Its grants go with it.
  std::vector<std::pair<uint64_t, AclEntry>> changed;
  for (auto& [object, acl] : acls_) {
    if (acl.grants.count(oid)) {
      AclEntry copy = acl;
      copy.grants.erase(oid);
      changed.push_back({object, copy});
    }
  }
  for (auto& [object, acl] : changed) PutAcl(txn, object, acl);
  // So do the memberships of other roles in it.
  for (auto& [other_oid, other] : roles_) {
    if (!other.member_of.count(oid)) continue;
    RoleEntry before_member = other;
    other.member_of.erase(oid);
    PutRole(txn, other);
    txn.OnRollback([this, before_member] {
      std::unique_lock l(mutex_);
      roles_[before_member.oid] = before_member;
      version_++;
    });
  }
  RoleEntry before = it->second;
  txn.Delete(ColumnFamily::kCatalog, Key(CatalogType::kRole, oid));
  roles_.erase(it);
  version_++;
  txn.OnRollback([this, before] {
    std::unique_lock l(mutex_);
    roles_[before.oid] = before;
    version_++;
  });
}

void RoleCatalog::SetOwner(StorageTransaction& txn, uint64_t object_oid, uint64_t owner) {
  std::unique_lock lock(mutex_);
  AclEntry acl = acls_.count(object_oid) ? acls_[object_oid] : DefaultAcl(object_oid);
  acl.owner = owner;
  PutAcl(txn, object_oid, acl);
}

void RoleCatalog::Grant(StorageTransaction& txn, uint64_t object_oid, uint64_t grantee,
                        uint32_t bits) {
  std::unique_lock lock(mutex_);
  AclEntry acl = acls_.count(object_oid) ? acls_[object_oid] : DefaultAcl(object_oid);
  acl.grants[grantee] |= bits;
  PutAcl(txn, object_oid, acl);
}

void RoleCatalog::Revoke(StorageTransaction& txn, uint64_t object_oid, uint64_t grantee,
                         uint32_t bits) {
  std::unique_lock lock(mutex_);
  auto it = acls_.find(object_oid);
  AclEntry acl = it == acls_.end() ? DefaultAcl(object_oid) : it->second;
  auto g = acl.grants.find(grantee);
  if (g == acl.grants.end()) return;
  g->second &= ~bits;
  if (g->second == 0) acl.grants.erase(g);
  PutAcl(txn, object_oid, acl);
}

void RoleCatalog::GrantMembership(StorageTransaction& txn, uint64_t role_oid, uint64_t member_oid,
                                  bool admin_option) {
  std::unique_lock lock(mutex_);
  auto role = roles_.find(role_oid);
  auto member = roles_.find(member_oid);
  if (role == roles_.end() || member == roles_.end()) {
    throw Exception("42704", "role does not exist");
  }
  std::vector<uint64_t> above = RoleClosure(role_oid, false);
  if (role_oid == member_oid || std::find(above.begin(), above.end(), member_oid) != above.end()) {
    throw Exception("0LP01", "role \"" + role->second.name + "\" is a member of role \"" +
                                 member->second.name + "\"");
  }
  auto m = member->second.member_of.find(role_oid);
  if (m != member->second.member_of.end() && (m->second || !admin_option)) return;
  RoleEntry before = member->second;
  member->second.member_of[role_oid] = admin_option;
  PutRole(txn, member->second);
  version_++;
  txn.OnRollback([this, before] {
    std::unique_lock l(mutex_);
    roles_[before.oid] = before;
    version_++;
  });
}

void RoleCatalog::RevokeMembership(StorageTransaction& txn, uint64_t role_oid, uint64_t member_oid,
                                   bool admin_option_only) {
  std::unique_lock lock(mutex_);
  auto member = roles_.find(member_oid);
  if (member == roles_.end()) throw Exception("42704", "role does not exist");
  auto m = member->second.member_of.find(role_oid);
  if (m == member->second.member_of.end()) return;
  RoleEntry before = member->second;
  if (admin_option_only) {
    m->second = false;
  } else {
    member->second.member_of.erase(m);
  }
  PutRole(txn, member->second);
  version_++;
  txn.OnRollback([this, before] {
    std::unique_lock l(mutex_);
    roles_[before.oid] = before;
    version_++;
  });
}

void RoleCatalog::ForgetObject(StorageTransaction& txn, uint64_t object_oid) {
  std::unique_lock lock(mutex_);
  auto it = acls_.find(object_oid);
  if (it == acls_.end()) return;
  AclEntry before = it->second;
  txn.Delete(ColumnFamily::kCatalog, Key(CatalogType::kAcl, object_oid));
  acls_.erase(it);
  version_++;
  txn.OnRollback([this, object_oid, before] {
    std::unique_lock l(mutex_);
    acls_[object_oid] = before;
    version_++;
  });
}

void RoleCatalog::EnsureBootstrapRole(const std::string& name, const std::string& password) {
  auto txn = engine_.BeginTransaction();
  std::optional<RoleEntry> existing = FindRole(name);
  if (!existing) {
    RoleEntry e;
    e.name = name;
    e.superuser = e.can_login = e.create_db = e.create_role = true;
    if (!password.empty()) e.scram_verifier = MakeScramVerifier(password);
    uint64_t oid = kBootstrapRoleOid;
    {
      std::shared_lock lock(mutex_);
      while (roles_.count(oid)) oid += 1;
      // Stay below the catalog's user oids: bootstrap roles are created before any DDL.
    }
    CreateRole(*txn, e, oid);
  } else {
    RoleEntry e = *existing;
    e.superuser = e.can_login = true;
    if (!password.empty()) e.scram_verifier = MakeScramVerifier(password);
    UpdateRole(*txn, e);
  }
  txn->Commit();
}

bool RoleCatalog::SetRolePassword(const std::string& name, const std::string& password) {
  std::optional<RoleEntry> existing = FindRole(name);
  if (!existing) return false;
  auto txn = engine_.BeginTransaction();
  RoleEntry e = *existing;
  e.scram_verifier = password.empty() ? std::string() : MakeScramVerifier(password);
  UpdateRole(*txn, e);
  txn->Commit();
  return true;
}

}  // namespace kadedb

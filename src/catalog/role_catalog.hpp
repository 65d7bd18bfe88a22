// RoleCatalog: roles (users) and the privileges granted on tables and schemas.
//
// Persisted in the "catalog" column family next to the other entries (docs/formats/catalog.md):
//   [kRole][role oid]   -> role entry (name, attribute flags, SCRAM verifier)
//   [kAcl][object oid]  -> the owner and grants of one table, view or schema
// Passwords are never stored: only PostgreSQL's SCRAM-SHA-256 verifier
// "SCRAM-SHA-256$4096:<salt b64>$<StoredKey b64>:<ServerKey b64>" (role_scram.cpp).
//
// Ownership: an object without an ACL entry is owned by the bootstrap superuser (kBootstrapRoleOid)
// and has no grants, except the built-in schemas: PUBLIC holds USAGE on pg_catalog and
// information_schema and USAGE, CREATE on public until a GRANT / REVOKE changes that. Owners and
// superusers hold every privilege on their objects.
//
// A fresh data directory gets the superuser "kadedb" (oid 10, no password).
//
// Membership (GRANT role TO role): each role entry lists the roles it is a member of. A role has
// the privileges of every role it is a member of, directly or through others, when it INHERITs
// (PostgreSQL's has_privs_of_role). The predefined NOLOGIN roles below always exist (in memory
// only, never stored): pg_read_all_data (SELECT on every table, USAGE on every schema),
// pg_write_all_data (INSERT / UPDATE / DELETE, USAGE), pg_read_server_files and
// pg_write_server_files (COPY from / to server files).
//
// Threading: every method is thread-safe (one internal shared mutex). Changes made through a
// StorageTransaction are visible at once and undone in memory when it rolls back.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "storage/storage_engine.hpp"

namespace kadedb {

inline constexpr uint64_t kBootstrapRoleOid = 10;
inline constexpr const char* kBootstrapRoleName = "kadedb";
// The grantee oid standing for PUBLIC (every role).
inline constexpr uint64_t kPublicRoleOid = 0;
// PostgreSQL's predefined roles (their oids as in PostgreSQL 15).
inline constexpr uint64_t kPgReadAllDataOid = 6181;
inline constexpr uint64_t kPgWriteAllDataOid = 6182;
inline constexpr uint64_t kPgReadServerFilesOid = 4569;
inline constexpr uint64_t kPgWriteServerFilesOid = 4570;
inline constexpr uint64_t kPgCheckpointOid = 4544;

// Privilege bits (a set is a uint32_t mask).
enum Privilege : uint32_t {
  kPrivSelect = 1u << 0,
  kPrivInsert = 1u << 1,
  kPrivUpdate = 1u << 2,
  kPrivDelete = 1u << 3,
  kPrivTruncate = 1u << 4,
  kPrivReferences = 1u << 5,
  kPrivTrigger = 1u << 6,
  kPrivUsage = 1u << 7,   // schemas
  kPrivCreate = 1u << 8,  // schemas
  kPrivAllTable = kPrivSelect | kPrivInsert | kPrivUpdate | kPrivDelete | kPrivTruncate |
                  kPrivReferences | kPrivTrigger,
  kPrivAllSchema = kPrivUsage | kPrivCreate,
};

// What the server needs to authenticate a role (see FindRole).
struct RoleEntry {
  uint64_t oid = 0;
  std::string name;
  bool superuser = false;
  bool can_login = false;
  bool create_db = false;
  bool create_role = false;
  bool inherit = true;
  int32_t connection_limit = -1;
  // Empty when the role has no password (then only trust authentication lets it in).
  std::string scram_verifier;
  // The roles this one is a member of -> WITH ADMIN OPTION.
  std::map<uint64_t, bool> member_of;
  bool predefined = false;  // one of the built-in pg_* roles (not stored)
};

// Owner and grants of one object.
struct AclEntry {
  uint64_t owner = kBootstrapRoleOid;
  std::map<uint64_t, uint32_t> grants;  // grantee role oid (kPublicRoleOid = PUBLIC) -> bits
};

// Computes PostgreSQL's SCRAM-SHA-256 verifier for password with a fresh random 16-byte salt and
// 4096 iterations (role_scram.cpp, OpenSSL PBKDF2-HMAC-SHA256).
std::string MakeScramVerifier(const std::string& password);
// A password given as an existing verifier ("SCRAM-SHA-256$...") is stored as is.
bool IsScramVerifier(const std::string& text);

class RoleCatalog {
 public:
  // Loads the roles and ACLs from storage; on a fresh (writable) database creates the bootstrap
  // superuser. Throws Exception XX001 on malformed entries.
  explicit RoleCatalog(StorageEngine& engine);

  // --- lookups (thread-safe; copies) ---
  std::optional<RoleEntry> FindRole(const std::string& name) const;
  std::optional<RoleEntry> FindRoleByOid(uint64_t oid) const;
  std::vector<RoleEntry> Roles() const;  // by oid
  // The owner and grants of an object (the default entry when it has none).
  AclEntry Acl(uint64_t object_oid) const;
  std::map<uint64_t, AclEntry> Acls() const;
  // Whether role holds every bit of `wanted` on the object: superusers and the owner always do;
  // otherwise the grants to the role and to PUBLIC are combined.
  bool HasPrivilege(uint64_t role_oid, uint64_t object_oid, uint32_t wanted) const;
  bool IsSuperuser(uint64_t role_oid) const;
  // PostgreSQL's has_privs_of_role: role is target, a superuser, or an inheriting member of
  // target (directly or through other roles).
  bool HasPrivsOfRole(uint64_t role_oid, uint64_t target_oid) const;
  // PostgreSQL's is_member_of_role: as HasPrivsOfRole but ignoring INHERIT.
  bool IsMemberOfRole(uint64_t role_oid, uint64_t target_oid) const;
  // The oids of GRANT/REVOKE grantees ("public" = kPublicRoleOid); throws 42704 for an
  // unknown role.
  std::vector<uint64_t> GranteeOids(const std::vector<std::string>& names) const;
  // Whether role may grant membership in target: superuser, CREATEROLE (target not a superuser),
  // or a member WITH ADMIN OPTION.
  bool CanAdminRole(uint64_t role_oid, uint64_t target_oid) const;

  // --- bootstrap (each runs in its own transaction) ---
  // Makes sure `name` exists as a LOGIN SUPERUSER; when password is non-empty, sets it. Called by
  // the server at start with the configured / KADEDB_PASSWORD password.
  void EnsureBootstrapRole(const std::string& name, const std::string& password);
  // Sets (or with an empty password clears) the SCRAM verifier of an existing role; false when
  // the role does not exist.
  bool SetRolePassword(const std::string& name, const std::string& password);

  // --- changes (through txn; PostgreSQL's SQLSTATEs: 42710 duplicate, 42704 missing) ---
  // entry.oid is assigned from oid. Returns the stored entry.
  RoleEntry CreateRole(StorageTransaction& txn, RoleEntry entry, uint64_t oid);
  void UpdateRole(StorageTransaction& txn, const RoleEntry& entry);
  // 2BP01 when the role owns objects; removes its grants.
  void DropRole(StorageTransaction& txn, const std::string& name, bool if_exists);
  void SetOwner(StorageTransaction& txn, uint64_t object_oid, uint64_t owner);
  void Grant(StorageTransaction& txn, uint64_t object_oid, uint64_t grantee, uint32_t bits);
  void Revoke(StorageTransaction& txn, uint64_t object_oid, uint64_t grantee, uint32_t bits);
  // GRANT role TO member [WITH ADMIN OPTION] / REVOKE [ADMIN OPTION FOR] role FROM member.
  // 0LP01 for a membership loop; a membership that exists or is missing is a notice-free no-op.
  void GrantMembership(StorageTransaction& txn, uint64_t role_oid, uint64_t member_oid,
                       bool admin_option);
  void RevokeMembership(StorageTransaction& txn, uint64_t role_oid, uint64_t member_oid,
                        bool admin_option_only);
  // Forgets an object's ACL (when the object is dropped).
  void ForgetObject(StorageTransaction& txn, uint64_t object_oid);

  // Bumped on every change (prepared statements re-bind when it moved).
  uint64_t version() const;

 private:
  void PutAcl(StorageTransaction& txn, uint64_t object_oid, const AclEntry& acl);
  void PutRole(StorageTransaction& txn, const RoleEntry& e);
  // REQUIRES: mutex_ held. The role and every role it has the privileges of (inherit) or is a
  // member of (!inherit_only).
  std::vector<uint64_t> RoleClosure(uint64_t role_oid, bool inherit_only) const;
  // HasPrivsOfRole (inherit_only) / IsMemberOfRole (!inherit_only).
  bool ReachesRole(uint64_t role_oid, uint64_t target_oid, bool inherit_only) const;
  void AddPredefinedRoles();

  StorageEngine& engine_;
  mutable std::shared_mutex mutex_;
  std::map<uint64_t, RoleEntry> roles_;
  std::map<uint64_t, AclEntry> acls_;
  uint64_t version_ = 1;
};

}  // namespace kadedb

SELECT id, label, balance FROM accounts ORDER BY id

// The PostgreSQL JDBC driver against kadedb serve: SCRAM over TLS, prepared statements (server-side
// after prepareThreshold, binary transfer), fetch size (portal row limits), transactions, COPY
// (CopyManager), errors with SQLSTATE, NULLs and the supported types.
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.*;
import java.util.Properties;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

public class JdbcTest {
  static void check(String label, Object got, Object want) {
    if (want == null ? got != null : !want.equals(got)) {
      throw new AssertionError(label + ": got " + got + ", want " + want);
    }
  }

  public static void main(String[] args) throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:" + System.getenv("KADEDB_TEST_PORT") + "/kadedb";
    Properties props = new Properties();
    props.setProperty("user", "kadedb");
    props.setProperty("password", System.getenv("KADEDB_TEST_PASSWORD"));
    props.setProperty("sslmode", "require");
    props.setProperty("prepareThreshold", "2");
    try (Connection conn = DriverManager.getConnection(url, props)) {
      Statement st = conn.createStatement();
      st.execute("create table jdbc_t (id int primary key, b boolean, i2 smallint, i8 bigint,"
          + " f4 real, f8 double precision, n numeric(12,4), t text, vc varchar(30), by bytea,"
          + " d date, tm time, ts timestamp, u uuid)");
      PreparedStatement ins = conn.prepareStatement(
          "insert into jdbc_t values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
      UUID uuid = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
      for (int id = 1; id <= 5; id++) {  // past prepareThreshold: a named server statement
        ins.setInt(1, id);
        ins.setBoolean(2, id % 2 == 0);
        ins.setShort(3, (short) (id * 3));
        ins.setLong(4, 9007199254740993L + id);
        ins.setFloat(5, 1.5f * id);
        ins.setDouble(6, Math.PI * id);
        ins.setBigDecimal(7, new BigDecimal("1234.5678").multiply(BigDecimal.valueOf(id)));
        ins.setString(8, "text " + id + " é");
        ins.setString(9, "vc" + id);
        ins.setBytes(10, new byte[] {0, (byte) id, (byte) 255});
        ins.setDate(11, Date.valueOf("2024-02-2" + id));
        ins.setTime(12, Time.valueOf("12:34:5" + id));
        ins.setTimestamp(13, Timestamp.valueOf("2024-02-29 01:02:03.45" + id));
        ins.setObject(14, uuid);
        check("insert count", ins.executeUpdate(), 1);
      }
      ins.setInt(1, 6);
      for (int c = 2; c <= 14; c++) ins.setNull(c, Types.NULL);
      ins.executeUpdate();

      PreparedStatement sel = conn.prepareStatement("select * from jdbc_t where id = ?");
      for (int rep = 0; rep < 3; rep++) {  // text first, then binary results once named
        sel.setInt(1, 3);
        try (ResultSet rs = sel.executeQuery()) {
          check("row", rs.next(), true);
          check("b", rs.getBoolean("b"), false);
          check("i2", rs.getShort("i2"), (short) 9);
          check("i8", rs.getLong("i8"), 9007199254740996L);
          check("f4", rs.getFloat("f4"), 4.5f);
          check("f8", rs.getDouble("f8"), Math.PI * 3);
          check("n", rs.getBigDecimal("n"), new BigDecimal("3703.7034"));
          check("t", rs.getString("t"), "text 3 é");
          check("vc", rs.getString("vc"), "vc3");
          check("by", java.util.Arrays.toString(rs.getBytes("by")), "[0, 3, -1]");
          check("d", rs.getDate("d").toString(), "2024-02-23");
          check("tm", rs.getTime("tm").toString(), "12:34:53");
          check("ts", rs.getTimestamp("ts").toString(), "2024-02-29 01:02:03.453");
          check("u", rs.getObject("u"), uuid);
          check("one row", rs.next(), false);
        }
      }
      sel.setInt(1, 6);
      try (ResultSet rs = sel.executeQuery()) {
        rs.next();
        for (int c = 2; c <= 14; c++) {
          rs.getObject(c);
          check("null column " + c, rs.wasNull(), true);
        }
      }
      ResultSetMetaData md = sel.getMetaData();
      check("type of n", md.getColumnTypeName(7), "numeric");
      check("type of ts", md.getColumnTypeName(13), "timestamp");

      // Transactions, and fetch size (a portal read in pieces: Execute with a row limit).
      conn.setAutoCommit(false);
      st.execute("insert into jdbc_t (id) values (100)");
      conn.rollback();
      PreparedStatement cnt = conn.prepareStatement("select count(*) from jdbc_t where id >= ?");
      cnt.setInt(1, 100);
      try (ResultSet rs = cnt.executeQuery()) {
        rs.next();
        check("rolled back", rs.getLong(1), 0L);
      }
      for (int i = 200; i < 250; i++) st.execute("insert into jdbc_t (id) values (" + i + ")");
      conn.commit();
      Statement fetch = conn.createStatement();
      fetch.setFetchSize(7);
      int seen = 0;
      try (ResultSet rs = fetch.executeQuery("select id from jdbc_t where id >= 200 order by id")) {
        while (rs.next()) {
          check("fetch order", rs.getInt(1), 200 + seen);
          seen++;
        }
      }
      check("fetched", seen, 50);
      conn.commit();
      conn.setAutoCommit(true);

      // Errors with SQLSTATE.
      try {
        st.execute("insert into jdbc_t (id) values (1)");
        throw new AssertionError("duplicate accepted");
      } catch (SQLException e) {
        check("duplicate sqlstate", e.getSQLState(), "23505");
      }
      try {
        st.executeQuery("select * from missing");
        throw new AssertionError("missing table accepted");
      } catch (SQLException e) {
        check("missing sqlstate", e.getSQLState(), "42P01");
      }
      try (ResultSet rs = st.executeQuery("select 41 + 1")) {
        rs.next();
        check("after error", rs.getInt(1), 42);
      }

      // Arrays: setArray / getArray round trip (int4[] = 1007, text[] = 1009), several times so
      // the driver switches to a server-side prepared statement with binary transfer.
      try (PreparedStatement arr = conn.prepareStatement("select ?::int[], ?::text[]")) {
        for (int round = 0; round < 7; round++) {
          arr.setArray(1, conn.createArrayOf("int4", new Integer[] {1, null, round}));
          arr.setArray(2, conn.createArrayOf("text", new String[] {"x y", null, "z"}));
          try (ResultSet rs = arr.executeQuery()) {
            rs.next();
            check("int array", java.util.Arrays.asList((Object[]) rs.getArray(1).getArray()),
                java.util.Arrays.asList(1, null, round));
            check("text array", java.util.Arrays.asList((Object[]) rs.getArray(2).getArray()),
                java.util.Arrays.asList("x y", null, "z"));
            check("array oid", rs.getMetaData().getColumnTypeName(1), "_int4");
          }
        }
      }

      // COPY through CopyManager.
      st.execute("create table jdbc_copy (id int, name text)");
      CopyManager copy = conn.unwrap(PGConnection.class).getCopyAPI();
      long in = copy.copyIn("copy jdbc_copy from stdin with (format csv)",
          new StringReader("1,one\n2,\n3,\"x,y\"\n"));
      check("copy in", in, 3L);
      StringWriter out = new StringWriter();
      copy.copyOut("copy (select * from jdbc_copy order by id) to stdout", out);
      check("copy out", out.toString(), "1\tone\n2\t\\N\n3\tx,y\n");
    }
    System.out.println("jdbc ok");
  }
}

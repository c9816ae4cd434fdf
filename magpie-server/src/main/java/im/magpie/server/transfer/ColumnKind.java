package im.magpie.server.transfer;

import java.sql.Types;

/**
 * The kinds of value a dump holds, whatever database wrote it: the schema uses only integers,
 * booleans, text and bytes (see the migrations), and each database names them differently
 * (MariaDB's BOOLEAN is TINYINT(1), PostgreSQL's bytes are BYTEA, H2's VARBINARY).
 */
enum ColumnKind {
    INTEGER(1), BOOLEAN(2), TEXT(3), BYTES(4);

    final int code;

    ColumnKind(int code) {
        this.code = code;
    }

    static ColumnKind ofCode(int code) {
        for (ColumnKind k : values()) {
            if (k.code == code) return k;
        }
        throw new TransferException("not a Magpie dump (unknown column kind " + code + ")");
    }

    /** The kind of a JDBC column type; fails on a type no migration uses (so nothing is copied wrongly). */
    static ColumnKind ofJdbcType(int type, String table, String column) {
        return switch (type) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> INTEGER;
            case Types.BOOLEAN, Types.BIT -> BOOLEAN;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB, Types.NCHAR, Types.NVARCHAR,
                    Types.LONGNVARCHAR, Types.NCLOB -> TEXT;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BYTES;
            default -> throw new TransferException("column " + table + "." + column + " has a type the transfer "
                    + "does not know (java.sql.Types " + type + "); teach ColumnKind about it");
        };
    }
}

package io.decisioning.service.system;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The service's connections are not in autocommit mode (the pools are made with autocommit off), so a
 * transaction costs its statements and one COMMIT: in autocommit mode each would also cost a
 * {@code SET autocommit=0} before and a {@code SET autocommit=1} after, three statements of the
 * pre-bind check's seven.
 *
 * <p>A connection given back with statements run outside any transaction (a plain read or write through
 * {@code JdbcClient}, a scheduler's own statement) is committed as it is closed, so such a statement
 * takes effect exactly as it would in autocommit mode, at the cost of one COMMIT; nothing is left for the
 * pool to roll back. A Spring transaction commits or rolls back before it closes its connection, which
 * then has nothing left to commit.
 */
final class CommittingDataSource extends DelegatingDataSource {

    CommittingDataSource(DataSource target) {
        super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return committing(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return committing(super.getConnection(username, password));
    }

    private static Connection committing(Connection connection) {
        return (Connection) Proxy.newProxyInstance(CommittingDataSource.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Committing(connection));
    }

    /** Remembers whether statements ran since the last commit or rollback, and commits them on close. */
    private static final class Committing implements InvocationHandler {

        private final Connection connection;
        private boolean uncommitted;

        Committing(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "createStatement", "prepareStatement", "prepareCall" -> uncommitted = true;
                case "commit" -> uncommitted = false;
                case "rollback" -> uncommitted = uncommitted && args != null; // to a savepoint: the rest stays
                case "setAutoCommit" -> uncommitted = uncommitted && !((Boolean) args[0]);
                case "close" -> {
                    if (uncommitted && !connection.isClosed() && !connection.getAutoCommit()) {
                        uncommitted = false;
                        connection.commit();
                    }
                }
                case "unwrap", "isWrapperFor" -> {
                    if (((Class<?>) args[0]).isInstance(connection)) {
                        return method.getName().equals("unwrap") ? connection : true;
                    }
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                default -> {
                }
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}

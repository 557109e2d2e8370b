package io.decisioning.testing;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.OperationType;
import com.unboundid.ldif.LDIFException;

/**
 * A real LDAP directory for the sign-in tests: UnboundID's in-memory server on a port of its own, with people under
 * {@code ou=people}, groups of names under {@code ou=groups} and a service account that searches (anonymous searches
 * are refused, as in a company's directory).
 *
 * <ul>
 *   <li>{@code li.na}: member of risk-analysts (ANALYST) and all-staff (no role), branch GD;</li>
 *   <li>{@code zhao.lei}: member of underwriting and approvers (UNDERWRITER, APPROVER), branch HQ;</li>
 *   <li>{@code wang.wei}: member of all-staff only, no role;</li>
 *   <li>{@code chen.jie}: member of risk-analysts, no branch;</li>
 *   <li>{@code sun.li}: member of underwriting and approvers, branch GD (a test takes him out of a group).</li>
 * </ul>
 * Every person's password is {@link #PASSWORD}.
 */
public final class LdapServer implements AutoCloseable {

    public static final String PASSWORD = "directory secret";
    public static final String BASE = "dc=insurer,dc=example";
    public static final String MANAGER_DN = "cn=decisioning,ou=services," + BASE;
    public static final String MANAGER_PASSWORD = "manager secret";

    private final InMemoryDirectoryServer server;

    private LdapServer(InMemoryDirectoryServer server) {
        this.server = server;
    }

    public static LdapServer start() {
        try {
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
            config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
            config.setAuthenticationRequiredOperationTypes(OperationType.SEARCH);
            config.setSchema(null); // the branch attribute is the company's own
            InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
            server.add("dn: " + BASE, "objectClass: domain", "dc: insurer");
            for (String unit : new String[] {"people", "groups", "services"}) {
                server.add("dn: ou=" + unit + "," + BASE, "objectClass: organizationalUnit", "ou: " + unit);
            }
            server.add("dn: " + MANAGER_DN, "objectClass: person", "cn: decisioning", "sn: decisioning",
                    "userPassword: " + MANAGER_PASSWORD);
            person(server, "li.na", "GD");
            person(server, "zhao.lei", "HQ");
            person(server, "wang.wei", "SH");
            person(server, "chen.jie", null);
            person(server, "sun.li", "GD");
            group(server, "risk-analysts", "li.na", "chen.jie");
            group(server, "underwriting", "zhao.lei", "sun.li");
            group(server, "approvers", "zhao.lei", "sun.li");
            group(server, "all-staff", "li.na", "zhao.lei", "wang.wei", "chen.jie");
            server.startListening();
            return new LdapServer(server);
        } catch (LDAPException | LDIFException e) {
            throw new IllegalStateException("The test directory did not start", e);
        }
    }

    private static void person(InMemoryDirectoryServer server, String uid, String branch) throws LDAPException, LDIFException {
        if (branch == null) {
            server.add("dn: uid=" + uid + ",ou=people," + BASE, "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + uid,
                    "sn: " + uid, "userPassword: " + PASSWORD);
        } else {
            server.add("dn: uid=" + uid + ",ou=people," + BASE, "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + uid,
                    "sn: " + uid, "userPassword: " + PASSWORD, "departmentNumber: " + branch);
        }
    }

    private static void group(InMemoryDirectoryServer server, String name, String... members) throws LDAPException, LDIFException {
        String[] lines = new String[3 + members.length];
        lines[0] = "dn: cn=" + name + ",ou=groups," + BASE;
        lines[1] = "objectClass: groupOfNames";
        lines[2] = "cn: " + name;
        for (int i = 0; i < members.length; i++) {
            lines[3 + i] = "member: uid=" + members[i] + ",ou=people," + BASE;
        }
        server.add(lines);
    }

    public String url() {
        return "ldap://127.0.0.1:" + server.getListenPort();
    }

    /** Takes a person out of a group, as the directory's administrators would. */
    public void removeFromGroup(String group, String uid) {
        try {
            server.modify("dn: cn=" + group + ",ou=groups," + BASE, "changetype: modify", "delete: member",
                    "member: uid=" + uid + ",ou=people," + BASE);
        } catch (LDAPException | LDIFException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}

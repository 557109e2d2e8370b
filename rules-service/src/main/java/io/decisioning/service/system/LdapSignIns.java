package io.decisioning.service.system;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.decisioning.rules.engine.Sentence;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.net.SocketFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Sign-in with a password of the company's LDAP directory or Active Directory ({@code rules.security.ldap.*},
 * DESIGN.md section 14), through HTTP Basic like the service's own users (who are checked first,
 * {@link VerifiedCredentialsCache}). The user is found by the name given ({@code username-attribute}), by the service
 * account or anonymously; the password is checked by a bind as the user; their groups ({@code group-filter}) give
 * their roles through {@code group-roles}, an attribute of theirs their branch. A user in no mapped group, or without
 * the branch attribute, is refused with 403 saying so ({@link SignInRefusedException}); a wrong password or an
 * unknown name is a wrong password (401, counted and audited like any other). An empty password is refused before
 * the directory is asked: LDAP would take it for an anonymous bind, which succeeds.
 *
 * <p>HTTP Basic sends the password with every request: a successful sign-in is remembered for
 * {@code rules.security.ldap.remember} (under a SHA-256 of name and password, never the password), so that the
 * directory is asked once a minute rather than at every request; the user's row is still read at every request
 * ({@link DirectoryAccounts}), so disabling them in the service takes effect at once. A failed one is never
 * remembered.
 */
final class LdapSignIns implements AuthenticationProvider, DisposableBean {

    private static final int MAX_ENTRIES = 10_000;

    private final RulesProperties.Ldap ldap;
    private final DirectoryAccounts accounts;
    private final Map<String, Role> groupRoles;
    private final @Nullable Cache<String, DirectoryUser> remembered;
    private @Nullable LDAPConnectionPool pool;

    LdapSignIns(RulesProperties.Ldap ldap, DirectoryAccounts accounts, Clock clock) {
        this.ldap = ldap;
        this.accounts = accounts;
        this.groupRoles = ldap.groupRoles().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
        this.remembered = ldap.remember().isZero() ? null : Caffeine.newBuilder()
                .expireAfterWrite(ldap.remember())
                .maximumSize(MAX_ENTRIES)
                .ticker(VerifiedCredentialsCache.ticker(clock))
                .executor(Runnable::run)
                .<String, DirectoryUser>build();
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName() == null ? "" : authentication.getName().strip();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        if (name.isEmpty() || password.isEmpty()) {
            throw new BadCredentialsException("An empty name or password is never sent to the directory");
        }
        String key = CredentialDigest.of(name, password);
        DirectoryUser user = remembered == null ? null : remembered.getIfPresent(key);
        if (user == null) {
            user = lookUp(name, password);
            if (remembered != null) {
                remembered.put(key, user);
            }
        }
        UserAccount account = accounts.signIn(user);
        return UsernamePasswordAuthenticationToken.authenticated(account, null, account.getAuthorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** The user the directory knows by this name and password, with the roles of their groups and their branch. */
    private DirectoryUser lookUp(String name, String password) {
        try {
            LDAPConnectionPool connections = pool();
            SearchResult found = connections.search(ldap.base(), SearchScope.SUB,
                    Filter.createEqualityFilter(ldap.usernameAttribute(), name), ldap.usernameAttribute(), ldap.branchAttribute());
            if (found.getEntryCount() != 1) {
                throw new BadCredentialsException(found.getEntryCount() == 0 ? "No such user in the directory"
                        : "The name is not unique in the directory");
            }
            SearchResultEntry entry = found.getSearchEntries().get(0);
            try {
                connections.bindAndRevertAuthentication(entry.getDN(), password);
            } catch (LDAPException wrong) {
                if (wrong.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                    throw new BadCredentialsException("Wrong password for the directory");
                }
                throw wrong;
            }
            String username = entry.getAttributeValue(ldap.usernameAttribute());
            Set<String> groups = groups(connections, entry.getDN());
            Set<Role> roles = EnumSet.noneOf(Role.class);
            groups.stream().map(group -> groupRoles.get(group.toLowerCase(Locale.ROOT))).filter(role -> role != null)
                    .forEach(roles::add);
            if (roles.isEmpty()) {
                String of = groups.isEmpty() ? "no group" : String.join(", ", groups);
                String ofZh = groups.isEmpty() ? "无" : String.join("、", groups);
                throw new SignInRefusedException(username, new Sentence(
                        "Signed in as " + username + ", but in none of the directory's groups that give a role of the "
                                + "service (member of: " + of + "). Ask an administrator to add you to one.",
                        "已作为 " + username + " 登录，但不在任何对应本服务角色的目录组中（所属组：" + ofZh + "）。请联系管理员将您加入相应的组。"));
            }
            String branch = entry.getAttributeValue(ldap.branchAttribute());
            if (branch == null || branch.isBlank()) {
                throw new SignInRefusedException(username, new Sentence(
                        "Signed in as " + username + ", but the directory gives no branch for you (attribute "
                                + ldap.branchAttribute() + "). Ask an administrator to set it.",
                        "已作为 " + username + " 登录，但目录中没有您的机构（属性 " + ldap.branchAttribute() + "）。请联系管理员设置。"));
            }
            return new DirectoryUser(SignInOrigin.LDAP, username, roles, branch.strip());
        } catch (LDAPException e) {
            throw new AuthenticationServiceException("The directory could not be asked: " + e.getResultCode(), e);
        }
    }

    /** The names ({@code cn}) of the groups the user is a member of. */
    private Set<String> groups(LDAPConnectionPool connections, String userDn) throws LDAPException {
        String filter = ldap.groupFilter().replace("{0}", Filter.encodeValue(userDn));
        String base = ldap.groupBase().isBlank() ? ldap.base() : ldap.groupBase();
        SearchResult groups = connections.search(base, SearchScope.SUB, filter, "cn");
        return groups.getSearchEntries().stream().map(group -> group.getAttributeValue("cn")).filter(cn -> cn != null)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The connections to the directory, bound as the service account (or anonymous), made at the first sign-in: the
     * service starts while the directory is down, and tries again at the next sign-in.
     */
    private synchronized LDAPConnectionPool pool() throws LDAPException {
        if (pool == null) {
            LDAPURL url = new LDAPURL(ldap.url());
            LDAPConnectionOptions options = new LDAPConnectionOptions();
            options.setConnectTimeoutMillis(Math.toIntExact(ldap.timeout().toMillis()));
            options.setResponseTimeoutMillis(ldap.timeout().toMillis());
            SocketFactory sockets = "ldaps".equalsIgnoreCase(url.getScheme()) ? tls() : SocketFactory.getDefault();
            BindRequest manager = ldap.managerDn().isBlank() ? null : new SimpleBindRequest(ldap.managerDn(), ldap.managerPassword());
            LDAPConnectionPool created = new LDAPConnectionPool(new SingleServerSet(url.getHost(), url.getPort(), sockets, options),
                    manager, 1, 10);
            created.setRetryFailedOperationsDueToInvalidConnections(true);
            pool = created;
        }
        return pool;
    }

    /** LDAPS, trusting what the JVM trusts (its cacerts, or {@code -Djavax.net.ssl.trustStore}). */
    private static SocketFactory tls() throws LDAPException {
        try {
            return new SSLUtil(JVMDefaultTrustManager.getInstance()).createSSLSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new LDAPException(ResultCode.CONNECT_ERROR, "No TLS for LDAPS: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void destroy() {
        if (pool != null) {
            pool.close();
        }
    }
}

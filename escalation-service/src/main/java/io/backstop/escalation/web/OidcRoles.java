package io.backstop.escalation.web;

import io.backstop.escalation.EscalationProperties;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * An OIDC login becomes a console user: named by the configured claim (default {@code
 * preferred_username}), with the roles its groups grant ({@code backstop.escalation.console.oidc.
 * roles}). A person none of whose groups grants a role is refused: an identity provider that knows
 * someone does not make them an approver.
 */
final class OidcRoles implements OAuth2UserService<OidcUserRequest, OidcUser> {

  private final EscalationProperties.Oidc settings;
  private final OidcUserService delegate = new OidcUserService();

  OidcRoles(EscalationProperties.Oidc settings) {
    this.settings = settings;
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) {
    OidcUser user = delegate.loadUser(request);
    List<GrantedAuthority> authorities = authorities(user.getClaims());
    if (authorities.isEmpty()) {
      throw new OAuth2AuthenticationException(
          new OAuth2Error(
              "access_denied",
              "no Backstop role is granted to the groups in claim '" + settings.roleClaim() + "'",
              null));
    }
    Object name = user.getClaims().get(settings.principalClaim());
    if (name == null || name.toString().isBlank()) {
      throw new OAuth2AuthenticationException(
          new OAuth2Error(
              "invalid_token", "the ID token has no '" + settings.principalClaim() + "'", null));
    }
    return new DefaultOidcUser(
        authorities, user.getIdToken(), user.getUserInfo(), settings.principalClaim());
  }

  List<GrantedAuthority> authorities(Map<String, Object> claims) {
    Object value = claims.get(settings.roleClaim());
    Collection<?> groups =
        value instanceof Collection<?> c ? c : value == null ? List.of() : List.of(value);
    List<GrantedAuthority> out = new ArrayList<>();
    settings
        .roles()
        .forEach(
            (role, granting) -> {
              if (groups.stream().map(Object::toString).anyMatch(granting::contains)) {
                out.add(new SimpleGrantedAuthority(role.authority()));
              }
            });
    return out;
  }
}

package io.backstop.redaction;

import java.util.List;

/**
 * More vendors' key formats, as each vendor documents them (the catalogue open-source scanners such
 * as gitleaks also keep): a prefix or a fixed shape that the entropy rule alone would miss, because
 * the body is pure hex, upper case only, or split by separators. Prefixed shapes come first, each
 * rule only on lines that contain one of its hints.
 */
final class VendorKeys {

  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private VendorKeys() {}

  static List<SecretRule> all() {
    return List.of(
        SecretRule.of(
                SecretKind.API_KEY,
                "\\b(?:gl(?:ptt|dt|rt|oas|cbt|imt|soat|ffct)-[A-Za-z0-9_-]{20,}"
                    + "|xapp-\\d-[A-Z0-9]+-\\d+-[a-f0-9]{32,}"
                    + "|access_token\\$production\\$[0-9a-z]{16}\\$[0-9a-f]{32}"
                    + "|access-(?:production|sandbox|development)-"
                    + UUID
                    + "|NRAK-[A-Z0-9]{27}"
                    + "|NRII-[A-Za-z0-9_-]{32}"
                    + "|dt0[a-z][0-9]{2}\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}"
                    + "|sntry[us]_[A-Za-z0-9_=-]{40,}"
                    + "|dckr_pat_[A-Za-z0-9_-]{27,}"
                    + "|sbp_[a-f0-9]{40}"
                    + "|pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{32,64}"
                    + "|AGE-SECRET-KEY-1[A-Z0-9]{58}"
                    + "|sq[upa]_[a-f0-9]{40}"
                    + "|amzn\\.mws\\."
                    + UUID
                    + "|xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}"
                    + "|CFPAT-[A-Za-z0-9_-]{43}"
                    + "|pk_[0-9]{6,10}_[A-Z0-9]{32}"
                    + "|rubygems_[a-f0-9]{48}"
                    + "|oy2[a-z0-9]{43}"
                    + "|CLOJARS_[a-f0-9]{60})\\b")
            .when(
                "gl",
                "xapp-",
                "access_token$",
                "access-",
                "nrak-",
                "nrii-",
                "dt0",
                "sntry",
                "dckr_pat_",
                "sbp_",
                "pscale_",
                "age-secret-key-1",
                "squ_",
                "sqp_",
                "sqa_",
                "amzn.mws.",
                "xkeysib-",
                "cfpat-",
                "pk_",
                "rubygems_",
                "oy2",
                "clojars_"),
        // Shapes without a leading prefix, each behind its own hint: a New Relic license key (40
        // characters ending NRAL), a Mailchimp key (hex and its data centre), an Airtable token, an
        // Asana personal token.
        SecretRule.of(SecretKind.API_KEY, "\\b[a-f0-9]{36}NRAL\\b").when("nral"),
        SecretRule.of(SecretKind.API_KEY, "\\b[0-9a-f]{32}-us[0-9]{1,2}\\b").when("-us"),
        SecretRule.of(SecretKind.API_KEY, "\\bpat[A-Za-z0-9]{14}\\.[a-f0-9]{64}\\b").when("pat"),
        SecretRule.of(SecretKind.API_KEY, "\\b[0-9]/[0-9]{16}(?:/[0-9]{16})?:[0-9a-f]{32}\\b")
            .when(":"),
        // An Azure AD client secret: three characters, a digit, "Q~", then 31 to 34 more.
        SecretRule.of(
                SecretKind.API_KEY,
                "(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}"
                    + "(?![A-Za-z0-9_~.-])")
            .when("q~"));
  }
}

//! The schema tables: RFC 7643 §3.1 common attributes, §4.1 User, §4.2 Group,
//! §4.3 Enterprise User, and the resource types that tie them together.
//!
//! Characteristics follow the RFC's §8.7 schema representation; where its prose and its
//! JSON disagree the choice is noted on the row. Descriptions are ours, kept short.

use super::schema::{attr, AttrType::*, Attribute, Mutability::*, ResourceType, Returned, Schema, Uniqueness};

pub const USER_URN: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
pub const GROUP_URN: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";
pub const ENTERPRISE_USER_URN: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

const META_SUBS: &[Attribute] = &[
    attr("resourceType", String, "The resource type's name.").case_exact().mutability(ReadOnly),
    attr("created", DateTime, "When the resource was added.").mutability(ReadOnly),
    attr("lastModified", DateTime, "When the resource was last changed.").mutability(ReadOnly),
    attr("location", Reference, "The resource's URI.").case_exact().mutability(ReadOnly).refs(&["uri"]),
    attr("version", String, "The resource's version (ETag).").case_exact().mutability(ReadOnly),
];

const COMMON: &[Attribute] = &[
    attr("id", String, "Unique identifier, issued by the service provider.")
        .case_exact()
        .mutability(ReadOnly)
        .returned(Returned::Always)
        .unique(Uniqueness::Server),
    attr("externalId", String, "Identifier issued by the provisioning client.").case_exact(),
    attr("meta", Complex, "Resource metadata.").mutability(ReadOnly).subs(META_SUBS),
];

/// The RFC 7643 §3.1 attribute common to every resource, by name.
pub fn common(name: &str) -> Option<&'static Attribute> {
    COMMON.iter().find(|a| a.name.eq_ignore_ascii_case(name))
}

/// The RFC 7643 §3.1 attributes common to every resource, in table order.
pub fn common_attributes() -> &'static [Attribute] {
    COMMON
}

/// The sub-attributes most multi-valued attributes share (RFC 7643 §2.4):
/// `value`, `display`, `type` with its canonical values, and `primary`.
const fn plural(value: Attribute, types: &'static [&'static str]) -> [Attribute; 4] {
    [
        value,
        attr("display", String, "A human-readable name, for display only."),
        attr("type", String, "A label for the value's function.").canonical(types),
        attr("primary", Boolean, "Whether this is the preferred value; true at most once."),
    ]
}

const EMAIL_SUBS: [Attribute; 4] =
    plural(attr("value", String, "An email address, canonicalized by the server."), &["work", "home", "other"]);
const PHONE_SUBS: [Attribute; 4] = plural(
    attr("value", String, "A phone number, ideally in RFC 3966 form."),
    &["work", "home", "mobile", "fax", "pager", "other"],
);
const IM_SUBS: [Attribute; 4] = plural(
    attr("value", String, "An instant messaging address."),
    &["aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"],
);
const PHOTO_SUBS: [Attribute; 4] =
    plural(attr("value", Reference, "The URL of a photo of the User.").refs(&["external"]), &["photo", "thumbnail"]);
const ENTITLEMENT_SUBS: [Attribute; 4] = plural(attr("value", String, "An entitlement."), &[]);
const ROLE_SUBS: [Attribute; 4] = plural(attr("value", String, "A role."), &[]);
const CERTIFICATE_SUBS: [Attribute; 4] = plural(attr("value", Binary, "A DER-encoded X.509 certificate, base64."), &[]);

const NAME_SUBS: &[Attribute] = &[
    attr("formatted", String, "The full name, formatted for display."),
    attr("familyName", String, "The family (last) name."),
    attr("givenName", String, "The given (first) name."),
    attr("middleName", String, "The middle name(s)."),
    attr("honorificPrefix", String, "Honorific prefix(es), e.g. 'Ms.'."),
    attr("honorificSuffix", String, "Honorific suffix(es), e.g. 'III'."),
];

/// §8.7.1 omits `primary` here but §4.1.2 and the §8.2 example use it, so it is listed.
const ADDRESS_SUBS: &[Attribute] = &[
    attr("formatted", String, "The full mailing address; may contain newlines."),
    attr("streetAddress", String, "The street address; may contain newlines."),
    attr("locality", String, "The city or locality."),
    attr("region", String, "The state or region."),
    attr("postalCode", String, "The zip or postal code."),
    attr("country", String, "The country, as an ISO 3166-1 alpha-2 code."),
    attr("type", String, "A label for the address's function.").canonical(&["work", "home", "other"]),
    attr("primary", Boolean, "Whether this is the preferred address; true at most once."),
];

/// Server-maintained: a User's groups change through the Group resource (RFC 7643 §4.1.2).
const USER_GROUP_SUBS: &[Attribute] = &[
    attr("value", String, "The id of the Group.").mutability(ReadOnly),
    attr("$ref", Reference, "The URI of the Group.").mutability(ReadOnly).refs(&["User", "Group"]),
    attr("display", String, "The Group's display name.").mutability(ReadOnly),
    attr("type", String, "How the User belongs to the Group.").mutability(ReadOnly).canonical(&["direct", "indirect"]),
];

pub static USER: Schema = Schema {
    id: USER_URN,
    name: "User",
    description: "User Account",
    attributes: &[
        attr("userName", String, "Unique identifier for the User, used to sign in.")
            .required()
            .unique(Uniqueness::Server),
        attr("name", Complex, "The components of the User's real name.").subs(NAME_SUBS),
        attr("displayName", String, "The name of the User, suitable for display."),
        attr("nickName", String, "The casual way to address the User."),
        attr("profileUrl", Reference, "A URL of the User's online profile.").refs(&["external"]),
        attr("title", String, "The User's title, e.g. 'Vice President'."),
        attr("userType", String, "The User's relationship to the organization, e.g. 'Employee'."),
        attr("preferredLanguage", String, "Preferred language, as an RFC 7231 language tag."),
        attr("locale", String, "Default location for localization, e.g. 'en-US'."),
        attr("timezone", String, "Time zone in IANA 'Olson' form, e.g. 'America/Los_Angeles'."),
        attr("active", Boolean, "The User's administrative status."),
        attr("password", String, "A cleartext password to set; never returned.")
            .mutability(WriteOnly)
            .returned(Returned::Never),
        attr("emails", Complex, "Email addresses for the User.").multi().subs(&EMAIL_SUBS),
        attr("phoneNumbers", Complex, "Phone numbers for the User.").multi().subs(&PHONE_SUBS),
        attr("ims", Complex, "Instant messaging addresses for the User.").multi().subs(&IM_SUBS),
        attr("photos", Complex, "URLs of photos of the User.").multi().subs(&PHOTO_SUBS),
        attr("addresses", Complex, "Physical mailing addresses for the User.").multi().subs(ADDRESS_SUBS),
        attr("groups", Complex, "The Groups the User belongs to.").multi().mutability(ReadOnly).subs(USER_GROUP_SUBS),
        attr("entitlements", Complex, "Things the User has.").multi().subs(&ENTITLEMENT_SUBS),
        attr("roles", Complex, "Roles of the User, e.g. 'Student'.").multi().subs(&ROLE_SUBS),
        attr("x509Certificates", Complex, "Certificates issued to the User.").multi().subs(&CERTIFICATE_SUBS),
    ],
};

/// §4.2's prose makes `displayName` REQUIRED while §8.7.1's JSON says `false`; we
/// follow the prose, as Jira needs a name for every group.
pub static GROUP: Schema = Schema {
    id: GROUP_URN,
    name: "Group",
    description: "Group",
    attributes: &[
        attr("displayName", String, "A human-readable name for the Group.").required(),
        attr("members", Complex, "The members of the Group.").multi().subs(&[
            attr("value", String, "The id of the member.").mutability(Immutable),
            attr("$ref", Reference, "The URI of the member.").mutability(Immutable).refs(&["User", "Group"]),
            // Not in §8.7.1, but the §8.4 example and every IdP send it; immutable like
            // its siblings, since a member entry is replaced whole, never edited.
            attr("display", String, "The member's display name.").mutability(Immutable),
            attr("type", String, "The member's resource type.").mutability(Immutable).canonical(&["User", "Group"]),
        ]),
    ],
};

pub static ENTERPRISE_USER: Schema = Schema {
    id: ENTERPRISE_USER_URN,
    name: "EnterpriseUser",
    description: "Enterprise User",
    attributes: &[
        attr("employeeNumber", String, "Identifier assigned by the organization, e.g. by hire order."),
        attr("costCenter", String, "The name of a cost center."),
        attr("organization", String, "The name of an organization."),
        attr("division", String, "The name of a division."),
        attr("department", String, "The name of a department."),
        // §8.7.2 calls `value` REQUIRED in its description but `"required": false` in
        // the JSON; the JSON wins, so a manager given by `$ref` alone is accepted.
        attr("manager", Complex, "The User's manager.").subs(&[
            attr("value", String, "The id of the manager's User resource."),
            attr("$ref", Reference, "The URI of the manager's User resource.").refs(&["User"]),
            attr("displayName", String, "The manager's display name.").mutability(ReadOnly),
        ]),
    ],
};

pub static USER_TYPE: ResourceType = ResourceType {
    id: "User",
    name: "User",
    endpoint: "/Users",
    description: "User Account",
    schema: &USER,
    extensions: &[(&ENTERPRISE_USER, false)],
};

pub static GROUP_TYPE: ResourceType = ResourceType {
    id: "Group",
    name: "Group",
    endpoint: "/Groups",
    description: "Group",
    schema: &GROUP,
    extensions: &[],
};

/// Every resource type the service offers, in discovery order.
pub static RESOURCE_TYPES: &[&ResourceType] = &[&USER_TYPE, &GROUP_TYPE];

/// Every schema the service offers, in discovery order.
pub static SCHEMAS: &[&Schema] = &[&USER, &ENTERPRISE_USER, &GROUP];

//! The schema tables: RFC 7643 §3.1 common attributes, §4.1 User, §4.2 Group,
//! §4.3 Enterprise User, and the resource types that tie them together.
//!
//! STARTER TABLE: the schema/validate work completes every attribute of RFC 7643 §4.

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

const MULTI_SUBS: &[Attribute] = &[
    attr("value", String, "The value."),
    attr("display", String, "A human-readable name."),
    attr("type", String, "A label for the value's function."),
    attr("primary", Boolean, "Whether this is the preferred value."),
];

pub static USER: Schema = Schema {
    id: USER_URN,
    name: "User",
    description: "User Account",
    attributes: &[
        attr("userName", String, "Unique identifier for the User.")
            .required()
            .unique(Uniqueness::Server),
        attr("displayName", String, "The name of the User, suitable for display."),
        attr("active", Boolean, "The User's administrative status."),
        attr("emails", Complex, "Email addresses for the User.").multi().subs(MULTI_SUBS),
    ],
};

pub static GROUP: Schema = Schema {
    id: GROUP_URN,
    name: "Group",
    description: "Group",
    attributes: &[
        attr("displayName", String, "A human-readable name for the Group.").required(),
        attr("members", Complex, "A list of members of the Group.").multi().subs(&[
            attr("value", String, "Identifier of the member.").mutability(Immutable),
            attr("$ref", Reference, "The URI of the member.").mutability(Immutable).refs(&["User", "Group"]),
            attr("type", String, "The member's resource type.").mutability(Immutable).canonical(&["User", "Group"]),
        ]),
    ],
};

pub static ENTERPRISE_USER: Schema = Schema {
    id: ENTERPRISE_USER_URN,
    name: "EnterpriseUser",
    description: "Enterprise User",
    attributes: &[attr("employeeNumber", String, "Identifier assigned by the organization.")],
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

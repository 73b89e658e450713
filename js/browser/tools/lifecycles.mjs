// The SCIM console's presets, as steps over the golden fixtures (tests/fixtures). Each
// lifecycle is one IdP's sequence against one connection; presets.mjs turns this into
// js/browser/presets.js with the fixtures' own requests.
//
// The fixtures name users and groups by ids a server handed out earlier. In the harness
// the core hands out new ones, so `roles` maps each fixture id to a role name; the request
// carries `{{role}}` and the console fills it from the id the step that `capture`s it got.
//
// A step is one of:
//   {fixture}                       the fixture's request as it is
//   {fixture, as: id}               a create: the fixture's body, its attributes taken from
//                                   the stored user `id` (so later steps' fixtures find them)
//   {fixture, roles: {id: role}}    extra roles for this step only: the fixture's member
//                                   becomes one this lifecycle created
//   {fixture, set: {…}}             top-level attributes replaced (a fixture the IdP has no
//                                   separate request for, e.g. reactivation in 1.1)
//   {request: {method, path}}       no fixture: a request with no body

const OKTA_ADA = '2f1c9a40-6d2e-4b8a-9f53-1e7d0c4b5a61';
const OKTA_GRACE = '7b3e5d21-0c4f-4e9a-8d17-3a6b2c9f0e84';
const OKTA_ALAN = 'c4d8e2f6-1a3b-4c5d-8e9f-0a1b2c3d4e5f';
const OKTA_GROUP = '5e7a9c1b-3d2f-4a6e-b8c0-d1e2f3a4b5c6';

const O11_GRACE = 'e155dc98-4c1b-4e6f-9a2d-7b3c8e0f1a24';
const O11_ADA = '48e0a2da-5f3e-4b1a-8c7d-2e9f0a1b3c46';
const O11_GROUP = '74094a55-2b8c-4d1e-9f7a-3c6e0b5d8a12';
const O11_COMPILERS = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

const ENTRA_KIM = 'a61f0c3e9b2d47e58c14';
const ENTRA_MORGAN = 'd20b7e4f1c9a46b3a587';
const ENTRA_RAVI = 'f4c81e6a0b3d4927be60';
const ENTRA_AUDITORS = '2b8d40f6c1e3497a9d05';
const ENTRA_FINANCE = '7c3e91d0a4b2456f8e19';

export const LIFECYCLES = [
  {
    id: 'okta',
    title: 'Okta (SCIM 2.0)',
    connection: { name: 'Okta 2.0', idp: 'okta', scim: '2.0' },
    roles: { [OKTA_ADA]: 'ada', [OKTA_ALAN]: 'alan', [OKTA_GROUP]: 'group' },
    steps: [
      { step: 'test credentials', label: 'Test credentials', fixture: 'okta/test_credentials_probe.json' },
      { step: 'create', label: 'Create Ada', fixture: 'okta/create_user.json', as: OKTA_ADA, capture: 'ada' },
      { step: 'create', label: 'Create Alan', fixture: 'okta/create_user.json', as: OKTA_ALAN, capture: 'alan' },
      { step: 'update', label: 'Update Ada (PUT)', fixture: 'okta/update_user_put.json' },
      { step: 'deactivate', label: 'Deactivate Ada', fixture: 'okta/deactivate_user_patch.json' },
      { step: 'reactivate', label: 'Reactivate Ada', fixture: 'okta/reactivate_user_patch.json' },
      { step: 'group push', label: 'Push group Research', fixture: 'okta/create_group.json', capture: 'group' },
      { step: 'member add', label: 'Add Alan to the group', fixture: 'okta/add_member_patch.json' },
      { step: 'member add', label: 'Push members Ada + Alan', fixture: 'okta/replace_members_patch.json' },
      { step: 'member remove', label: 'Remove Alan from the group', fixture: 'okta/remove_member_patch.json', roles: { [OKTA_GRACE]: 'alan' } },
      { step: 'rename', label: 'Rename the group', fixture: 'okta/rename_group_patch.json' },
      { step: 'delete', label: 'Delete the group', fixture: 'okta/delete_group.json' },
    ],
  },
  {
    id: 'okta11',
    title: 'Okta (SCIM 1.1)',
    connection: { name: 'Okta 1.1', idp: 'okta', scim: '1.1' },
    roles: { [O11_GRACE]: 'grace', [O11_ADA]: 'ada', [O11_GROUP]: 'group', [O11_COMPILERS]: 'group' },
    steps: [
      { step: 'test credentials', label: 'Test credentials: ServiceProviderConfigs', fixture: 'okta11/service_provider_configs.json' },
      { step: 'test credentials', label: 'Test credentials: list users', fixture: 'okta11/probe_list_users.json' },
      { step: 'create', label: 'Create Grace', fixture: 'okta11/create_user.json', as: O11_GRACE, capture: 'grace' },
      { step: 'create', label: 'Create Ada', fixture: 'okta11/create_user.json', as: O11_ADA, capture: 'ada' },
      { step: 'update', label: 'Update Grace (PUT)', fixture: 'okta11/update_user_put.json' },
      { step: 'deactivate', label: 'Deactivate Grace', fixture: 'okta11/deactivate_user_patch.json' },
      { step: 'reactivate', label: 'Reactivate Grace', fixture: 'okta11/deactivate_user_patch.json', set: { active: true } },
      { step: 'group push', label: 'Push group Difference Engines', fixture: 'okta11/create_group.json', capture: 'group' },
      { step: 'member add', label: 'Add Ada to the group', fixture: 'okta11/add_member_patch.json' },
      { step: 'member remove', label: 'Remove Ada from the group', fixture: 'okta11/remove_member_patch.json' },
      { step: 'rename', label: 'Rename the group', fixture: 'okta11/rename_group_patch.json' },
      { step: 'delete', label: 'Delete the group', request: { method: 'DELETE', path: '/Groups/{{group}}' } },
    ],
  },
  {
    id: 'entra',
    title: 'Microsoft Entra ID',
    connection: { name: 'Entra', idp: 'entra', scim: '2.0' },
    roles: { [ENTRA_KIM]: 'kim', [ENTRA_RAVI]: 'ravi', [ENTRA_AUDITORS]: 'group', [ENTRA_FINANCE]: 'group' },
    steps: [
      { step: 'test credentials', label: 'Test connection', fixture: 'entra/test_connection_probe.json' },
      { step: 'create', label: 'Create Kimberly', fixture: 'entra/create_user.json', as: ENTRA_KIM, capture: 'kim' },
      { step: 'create', label: 'Create Ravi', fixture: 'entra/create_user.json', as: ENTRA_RAVI, capture: 'ravi' },
      { step: 'update', label: 'Update work email and family name', fixture: 'entra/update_work_email_and_family_name.json' },
      { step: 'deactivate', label: 'Disable Kimberly', fixture: 'entra/disable_user.json' },
      { step: 'reactivate', label: 'Enable Kimberly ("True")', fixture: 'entra/enable_user_string_true.json' },
      { step: 'group push', label: 'Provision group Treasury', fixture: 'entra/create_group.json', capture: 'group' },
      { step: 'member add', label: 'Add Kimberly and Ravi', fixture: 'entra/add_members.json' },
      { step: 'member remove', label: 'Remove Ravi (by value)', fixture: 'entra/remove_members_by_value.json', roles: { [ENTRA_MORGAN]: 'ravi' } },
      { step: 'rename', label: 'Rename the group', fixture: 'entra/update_group_display_name.json' },
      { step: 'delete', label: 'Delete Kimberly', fixture: 'entra/delete_user.json' },
    ],
  },
];

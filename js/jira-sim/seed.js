// The demo site every simulator starts from, unless given other seed data.
// Shape (also what POST /__sim/config {seedData} takes):
//   org:          {orgId, directoryId, directoryName, apiKeys: {key: {write: boolean}}}
//   groups:       [name | {name, groupId}]
//   users:        [{accountId?, accountType?, email, displayName?, products?, groups?, siteAdmin?,
//                   suspended?, apiToken?, timeZone?, locale?}]
//   serviceDesks: [{id, projectId?, projectKey, projectName, customers: [email]}]

export const DEMO_ADMIN = { email: 'admin@example.com', apiToken: 'sim-api-token' };
export const DEMO_ORG_KEY = 'sim-org-key';

export const DEMO_SEED = {
  org: {
    orgId: '8c3a7f2e-5b1d-4e0a-9f6c-2d4b8e1a7c30',
    directoryId: '1f9e4b6a-7c2d-4a8e-b5f3-6e0d9c2a4b17',
    directoryName: 'Demo directory',
    apiKeys: {
      [DEMO_ORG_KEY]: { write: true },
      'sim-org-key-readonly': { write: false },
    },
  },
  groups: [
    'site-admins',
    'jira-admins',
    'jira-software-users',
    'jira-servicemanagement-users',
    'jira-core-users',
    'jira-product-discovery-users',
    'developers',
  ],
  users: [
    {
      accountId: '5b10ac8d82e05b22cc7d4e01', email: DEMO_ADMIN.email, displayName: 'Sim Admin',
      apiToken: DEMO_ADMIN.apiToken, siteAdmin: true, groups: ['jira-admins'],
      products: ['jira-software', 'jira-servicedesk', 'jira-core', 'jira-product-discovery'],
      timeZone: 'Europe/Berlin',
    },
    {
      accountId: '5b10ac8d82e05b22cc7d4e02', email: 'alice@example.com', displayName: 'Alice Anders',
      apiToken: 'alice-api-token', products: ['jira-software'], groups: ['developers'],
    },
    {
      accountId: '5b10ac8d82e05b22cc7d4e03', email: 'bob@example.com', displayName: 'Bob Brown',
      products: ['jira-software', 'jira-servicedesk'], groups: ['developers'],
    },
    {
      accountId: '5b10ac8d82e05b22cc7d4e04', email: 'dana@example.com', displayName: 'Dana Dormant',
      products: ['jira-software'], suspended: true,
    },
    {
      accountId: 'qm:0f6b2c1e-3a5d-4b7e-9c8f-1a2b3c4d5e6f:7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f01',
      accountType: 'customer', email: 'carol@customer.example', displayName: 'Carol Customer',
    },
  ],
  serviceDesks: [
    { id: '1', projectId: '10000', projectKey: 'DEMO', projectName: 'Demo service project',
      customers: ['carol@customer.example'] },
    { id: '2', projectId: '10001', projectKey: 'IT', projectName: 'IT help desk', customers: [] },
  ],
};

// Reconcile reports in words, for the admin UI and the CLI alike (pure: no DOM, no Node).

/** What a check read, in one line. */
export function checkedSummary(r) {
  const counts = [[r?.usersChecked, 'user'], [r?.groupsChecked, 'group'], [r?.mappedGroupsChecked, 'mapped Jira group'], [r?.desksChecked, 'service desk']];
  const parts = counts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}${n === 1 ? '' : 's'}`);
  return `Checked ${parts.length ? parts.join(', ') : 'nothing'} in ${r?.jiraCalls ?? 0} Jira call(s).`;
}

/** The fields of a drift entry that say where it is (the Jira side), in one line. */
export function driftDetail(d) {
  const parts = [
    d.jiraGroup && `Jira group ${d.jiraGroup}`,
    d.jiraGroups && `deactivated, still in ${d.jiraGroups.join(', ')}`,
    d.user && d.group && `via IdP group ${d.group}`,
    d.desk && `service desk ${d.desk}`,
    d.accountId && `account ${d.accountId}`,
    d.groupId && `Jira group id ${d.groupId}`,
    d.jiraActive !== undefined && `active in Jira: ${d.jiraActive}, in the IdP: ${d.idpActive}`,
    d.note,
  ];
  return parts.filter(Boolean).join(' · ');
}

# Rampart's default gate policy. Evaluated over the run's evidence document (input) with the
# organisation's settings in data.rampart.config. Any message in deny fails the gate.
# Organisation policy folders add rules to this package; a repository's own policy folder is
# evaluated separately and can only add deny messages, never remove one.
package rampart.gate

severity_rank := {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}

config := object.union(
	{
		"fail_on": "high",
		"vulnerabilities_fail_on": "critical",
		"require_signed_commits": false,
		"require_signed_artifacts": false,
		"required_approvals": {"production": 2},
		"deploy_branches": ["refs/heads/main"],
	},
	user_config,
)

# Organisation settings (data.json in the organisation policy folder, under rampart.config).
default user_config := {}

user_config := data.rampart.config

threshold := severity_rank[config.fail_on]

# Findings of every scanner at or above the configured severity.
deny contains msg if {
	some f in input.findings
	severity_rank[f.severity] >= threshold
	msg := sprintf("%s: %s %s%s (%s)", [f.source, f.rule, f.message, where(f), f.severity])
}

where(f) := sprintf(" at %s:%d", [f.location.path, f.location.line]) if f.location.path
else := ""

# Known vulnerabilities in the SBOM's components.
deny contains msg if {
	some v in object.get(input, "vulnerabilities", [])
	severity_rank[v.severity] >= severity_rank[config.vulnerabilities_fail_on]
	msg := sprintf("vulnerability %s in %s (%s)", [v.id, v.package, v.severity])
}

# Every artifact must be content-addressed with SHA-256.
deny contains msg if {
	some a in input.artifacts
	not startswith(a.digest, "sha256:")
	msg := sprintf("artifact %s/%s has no sha256 digest", [a.job, a.name])
}

deny contains msg if {
	config.require_signed_commits
	not input.commit.signature.verified
	msg := sprintf("commit %s is not signed by a trusted key", [input.commit.sha])
}

deny contains msg if {
	config.require_signed_artifacts
	some a in input.artifacts
	not a.signed
	msg := sprintf("artifact %s/%s is not signed", [a.job, a.name])
}

# Deployments: untrusted triggers never deploy; protected environments need approvals and an allowed branch.
deny contains msg if {
	input.deploy.environment
	input.run.trust != "trusted"
	msg := sprintf("untrusted %s run cannot deploy to %s", [input.run.event, input.deploy.environment])
}

deny contains msg if {
	env := input.deploy.environment
	required := object.get(config.required_approvals, env, 0)
	approvers := {a.by | some a in object.get(input, "approvals", [])}
	count(approvers) < required
	msg := sprintf("deploy to %s needs %d distinct approvals, has %d", [env, required, count(approvers)])
}

deny contains msg if {
	env := input.deploy.environment
	object.get(config.required_approvals, env, 0) > 0
	not input.run.ref in config.deploy_branches
	msg := sprintf("deploy to %s is only allowed from %s, not %s", [env, concat(", ", config.deploy_branches), input.run.ref])
}

using Rampart.Security.Scanning.Config.Workflows;

namespace Rampart.Security.Tests.Config;

public sealed class ExpressionFlowTests
{
    [Theory]
    [InlineData("github.event.issue.title", "github.event.issue.title")]
    [InlineData("toJSON(github.event.pull_request.title)", "github.event.pull_request.title")]
    [InlineData("format('{0}', github.head_ref)", "github.head_ref")]
    [InlineData("github.event.pull_request.title || github.event.issue.title", "github.event.pull_request.title,github.event.issue.title")]
    [InlineData("github.event.pull_request.labels[0].name", "github.event.pull_request.labels.*.name")]
    [InlineData("github.event['issue'].title", "github.event.issue.title")]
    [InlineData("(github.event.pull_request || github.event.issue).number", "github.event.pull_request.number,github.event.issue.number")]
    [InlineData("(github.event.pull_request || github.event.issue)['title']", "github.event.pull_request.title,github.event.issue.title")]
    [InlineData("fromJSON(github.event.comment.body).target", "github.event.comment.body")]
    [InlineData("(fromJSON(github.event.comment.body) || github.event.issue).target", "github.event.comment.body,github.event.issue")]
    public void Sources_FollowValueFlow(string expression, string expected) =>
        Assert.Equal(expected.Split(','), ExpressionFlow.Sources(expression));

    [Theory]
    [InlineData("github.event.issue.title == 'foo'")]
    [InlineData("contains(github.event.issue.title, 'foo')")]
    [InlineData("!github.event.issue.title")]
    [InlineData("startsWith(github.head_ref, 'release/')")]
    [InlineData("'literal'")]
    public void Sources_AreEmpty_WhenOnlyABooleanOrLiteralFlows(string expression) =>
        Assert.Empty(ExpressionFlow.Sources(expression));

    [Theory]
    [InlineData("github.event.issue.title", true)]
    [InlineData("github.event.pull_request.head.ref", true)]
    [InlineData("github.event.changes.new_discussion.labels.*.name", true)]
    [InlineData("github.head_ref", true)]
    [InlineData("github.event.pull_request.number", false)]
    [InlineData("github.event.workflow_run.pull_requests.*.base.repo.id", false)]
    [InlineData("github.sha", false)]
    [InlineData("secrets.TOKEN", false)]
    public void AttackerContexts_ClassifyKnownFields(string context, bool high) =>
        Assert.Equal(high, AttackerContexts.Classify(context) == Rampart.Core.Findings.Severity.High);
}

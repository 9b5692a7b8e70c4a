namespace Rampart.Server.Webhooks;

/// <summary>The git hosts <c>/hooks/{provider}</c> accepts.</summary>
internal static class WebhookProviders
{
    private static readonly IWebhookProvider[] All =
        [new GitHubProvider(), new GitLabProvider(), GiteaProvider.Gitea, GiteaProvider.Forgejo, new BitbucketProvider()];

    public static string Names => string.Join(", ", All.Select(p => p.Name));

    public static IWebhookProvider? Find(string name) => All.FirstOrDefault(p => p.Name == name);
}

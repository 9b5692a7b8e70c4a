namespace Rampart.Security.Scanning.Config.Terraform;

/// <summary>The resources of one Terraform module (a folder of .tf files, or a plan).</summary>
internal sealed class TfModule
{
    public List<TfResource> Resources { get; } = [];

    public IEnumerable<TfResource> OfType(string type) => Resources.Where(r => r.Type == type && !r.IsData);

    public IEnumerable<TfResource> DataOfType(string type) => Resources.Where(r => r.Type == type && r.IsData);

    /// <summary>
    /// Whether <paramref name="value"/> names <paramref name="target"/>: a reference to it
    /// (<c>aws_s3_bucket.logs.id</c>), or its literal name when the target's <paramref name="nameAttribute"/> is known.
    /// </summary>
    public static bool Refers(Hcl.HclValue? value, TfResource target, string nameAttribute)
    {
        switch (value)
        {
            case Hcl.HclReference r:
                var prefix = target.Type + "." + target.Name;
                return r.Path == prefix || r.Path.StartsWith(prefix + ".", StringComparison.Ordinal) || r.Path.StartsWith(prefix + "[", StringComparison.Ordinal);
            case { } v when v.AsText() is { } text:
                return target.Body.Text(nameAttribute) == text || target.Body.Text("id") == text;
            default:
                return false;
        }
    }
}

using Rampart.Security.Sbom.Model;

namespace Rampart.Security.Vulns.Store;

/// <summary>
/// Downloads osv.dev-style per-ecosystem dumps (<c>{base}/{ecosystem}/all.zip</c>) and imports them.
/// The base URL is configurable so a mirror, or a local server in tests, can stand in. Each download
/// goes to a temporary file first and is size-capped; any failed download stops the update before
/// the store is touched.
/// </summary>
public sealed class OsvDownloader(HttpClient http)
{
    public const string DefaultBaseUrl = "https://osv-vulnerabilities.storage.googleapis.com";

    public const long MaxDownloadBytes = 8L * 1024 * 1024 * 1024;

    public async Task<OsvImportResult> UpdateAsync(string storeFolder, Uri baseUrl, IReadOnlyList<string>? ecosystems = null,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storeFolder);
        ArgumentNullException.ThrowIfNull(baseUrl);
        var temp = Directory.CreateTempSubdirectory("rampart-osv-");
        try
        {
            var zips = new List<string>();
            foreach (var ecosystem in ecosystems ?? Ecosystems.All)
            {
                var url = new Uri(baseUrl.ToString().TrimEnd('/') + "/" + Uri.EscapeDataString(ecosystem) + "/all.zip");
                progress?.Report($"downloading {url}");
                using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                    throw new HttpRequestException($"{url}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
                if (response.Content.Headers.ContentLength > MaxDownloadBytes)
                    throw new HttpRequestException($"{url}: larger than {MaxDownloadBytes} bytes");
                var file = Path.Combine(temp.FullName, zips.Count + ".zip");
                var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (body.ConfigureAwait(false))
                {
                    var output = File.Create(file);
                    await using (output.ConfigureAwait(false))
                        await CopyCappedAsync(body, output, url, cancellationToken).ConfigureAwait(false);
                }

                zips.Add(file);
            }

            progress?.Report($"importing {zips.Count} file(s)");
            return OsvImporter.Import(storeFolder, zips, null, cancellationToken);
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    private static async Task CopyCappedAsync(Stream from, Stream to, Uri url, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = await from.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += n;
            if (total > MaxDownloadBytes)
                throw new HttpRequestException($"{url}: larger than {MaxDownloadBytes} bytes");
            await to.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
        }
    }
}

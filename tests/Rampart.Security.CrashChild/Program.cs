using System.Globalization;
using Rampart.Core.Audit;
using Rampart.Security.Ledger;

// Usage: Rampart.Security.CrashChild <state folder> <writers>
// Appends events from several writers until killed; prints "ack <index>" for every durable append.
if (args.Length != 2)
{
    await Console.Error.WriteLineAsync("usage: Rampart.Security.CrashChild <state folder> <writers>");
    return 2;
}

var writers = int.Parse(args[1], CultureInfo.InvariantCulture);
await using var ledger = AuditLedger.Open(args[0], new LedgerOptions { CheckpointEveryEntries = 64, CheckpointInterval = TimeSpan.FromMilliseconds(20) });
var output = TextWriter.Synchronized(Console.Out);
await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
{
    for (var i = 0; ; i++)
    {
        var details = new Dictionary<string, string>
        {
            ["writer"] = w.ToString(CultureInfo.InvariantCulture),
            ["n"] = i.ToString(CultureInfo.InvariantCulture),
            ["padding"] = new string('x', i % 300),
        };
        var index = await ledger.AppendEntryAsync(new AuditEvent(AuditKinds.StepFinished, "crash-child", $"pid/{Environment.ProcessId}/{w}/{i}", details), CancellationToken.None);
        output.WriteLine("ack " + index.ToString(CultureInfo.InvariantCulture));
        if (i % 50 == 0)
            await ledger.CheckpointAsync(CancellationToken.None);
    }
})));
return 0;

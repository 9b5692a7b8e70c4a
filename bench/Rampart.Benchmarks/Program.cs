using BenchmarkDotNet.Running;
using Rampart.Benchmarks.Policy;

if (args is ["policy-latency", ..])
{
    GateLatency.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(GateLatency).Assembly).Run(args);

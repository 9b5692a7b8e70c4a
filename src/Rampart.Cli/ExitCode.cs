namespace Rampart.Cli;

/// <summary>The process exit codes of every <c>rampart</c> command.</summary>
internal enum ExitCode
{
    /// <summary>Everything ran and every gate passed.</summary>
    Success = 0,

    /// <summary>A job, a stage or a gate failed.</summary>
    Failure = 1,

    /// <summary>Bad usage or bad input (an invalid pipeline file, an unknown run id).</summary>
    UsageError = 2,

    /// <summary>A bug or a broken host; the message says which.</summary>
    InternalError = 3,
}

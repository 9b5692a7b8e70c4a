namespace Rampart.Engine.Runs;

public enum HandOutKind
{
    Secret = 0,
    IdToken = 1,
}

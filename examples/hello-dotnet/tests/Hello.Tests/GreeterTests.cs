using Hello;
using Xunit;

namespace Hello.Tests;

public class GreeterTests
{
    [Fact]
    public void Greet_UsesWorld_WhenNoNameIsGiven() => Assert.Equal("Hello, world!", Greeter.Greet(null));

    [Fact]
    public void Greet_TrimsTheName() => Assert.Equal("Hello, Ada!", Greeter.Greet("  Ada "));
}

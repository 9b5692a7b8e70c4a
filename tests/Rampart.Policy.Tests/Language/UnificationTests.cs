namespace Rampart.Policy.Tests.Language;

public sealed class UnificationTests
{
    [Fact]
    public void IteratingReference_UnifiesWithArrayPattern_OnEitherSide()
    {
        const string module = """
            package p
            left := [[l, r] | some l, r; [[1, 2], [3, 4]][_] = [l, r]]
            right := [[l, r] | some l, r; [l, r] = [[1, 2], [3, 4]][_]]
            """;
        Assert.Equal("[[1,2],[3,4]]", Rego.Json(module, "data.p.left"));
        Assert.Equal("[[1,2],[3,4]]", Rego.Json(module, "data.p.right"));
    }
}

namespace Company.Solution._1.Core.Tests;

public class GreeterTests
{
    [Fact]
    public void Greets_by_name()
    {
        Assert.Equal("Hello, Ada!", Greeter.Greet(" Ada "));
    }

    [Fact]
    public void Greets_without_a_name()
    {
        Assert.Equal("Hello!", Greeter.Greet(""));
    }
}

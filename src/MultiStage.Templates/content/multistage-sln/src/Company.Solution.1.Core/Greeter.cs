namespace Company.Solution._1.Core;

public static class Greeter
{
    public static string Greet(string name) =>
        string.IsNullOrWhiteSpace(name) ? "Hello!" : $"Hello, {name.Trim()}!";
}

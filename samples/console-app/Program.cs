var greeting = Environment.GetEnvironmentVariable("GREETING") ?? "Hello";
Console.WriteLine(greeting);
if (args.Contains("--verbose"))
{
    Console.WriteLine($".NET {Environment.Version} on {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, user id {Environment.GetEnvironmentVariable("APP_UID") ?? "?"}");
}

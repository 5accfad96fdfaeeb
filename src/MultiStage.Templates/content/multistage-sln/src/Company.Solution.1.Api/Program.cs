using Company.Solution._1.Core;

var builder = WebApplication.CreateBuilder(args);

var app = builder.Build();

app.MapGet("/", () => Greeter.Greet("world"));
app.MapGet("/hello/{name}", (string name) => Greeter.Greet(name));

app.Run();

using Shop.Core;

var app = WebApplication.Create(args);

app.MapGet("/", () => "Shop API");
app.MapGet("/orders/{count:int}", (int count) => OrderSummary.Describe(count));

app.Run();

using System.Globalization;
using Amazon.S3;
using FluentValidation;
using Orders.Api;
using Orders.Domain;
using Orders.Reports;
using Orders.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<InMemoryOrders>();
builder.Services.AddSingleton<IValidator<NewOrder>, NewOrderValidator>();
builder.Services.AddSingleton<IAmazonS3>(_ => new AmazonS3Client(new AmazonS3Config { ServiceURL = builder.Configuration["Archive:ServiceUrl"] ?? "http://127.0.0.1:9000", ForcePathStyle = true }));
builder.Services.AddSingleton(sp => new OrderArchive(sp.GetRequiredService<IAmazonS3>(), builder.Configuration["Archive:Bucket"] ?? "orders"));

var app = builder.Build();
app.MapGet("/", () => "Hello from Orders.Api");
app.MapGet("/catalog", () => new { about = Catalog.Describe(), skus = Catalog.Skus });
app.MapPost("/orders", async (NewOrder request, IValidator<NewOrder> validator, InMemoryOrders orders) =>
{
    var validation = await validator.ValidateAsync(request);
    if (!validation.IsValid)
    {
        return Results.ValidationProblem(validation.ToDictionary());
    }

    var order = orders.Create(new Customer(request.CustomerId, request.CustomerName, request.Email, request.Member), DateTimeOffset.UtcNow);
    foreach (var line in request.Lines)
    {
        order.Add(Catalog.Line(line.Sku, line.Quantity));
    }

    order.Place();
    return Results.Created($"/orders/{order.Id}", OrderJson.Snapshot.Of(order));
});
app.MapGet("/orders/{id}", (string id, InMemoryOrders orders, string? lang) =>
    orders.Find(id) is { } order
        ? Results.Text(OrderReport.Describe(order, DateTimeOffset.UtcNow, CultureInfo.GetCultureInfo(lang ?? "en")))
        : Results.NotFound());
app.MapPost("/orders/{id}/pay", (string id, InMemoryOrders orders) =>
{
    if (orders.Find(id) is not { } order)
    {
        return Results.NotFound();
    }

    order.Pay();
    return Results.Ok(OrderJson.Snapshot.Of(order));
});
app.Run();

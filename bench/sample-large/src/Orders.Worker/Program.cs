using Amazon.S3;
using Amazon.SQS;
using Orders.Domain;
using Orders.Storage;
using Orders.Worker;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<InMemoryOrders>();
builder.Services.AddSingleton<IAmazonS3>(_ => new AmazonS3Client(new AmazonS3Config { ServiceURL = builder.Configuration["Archive:ServiceUrl"] ?? "http://127.0.0.1:9000", ForcePathStyle = true }));
builder.Services.AddSingleton<IAmazonSQS>(_ => new AmazonSQSClient(new AmazonSQSConfig { ServiceURL = builder.Configuration["Shipping:ServiceUrl"] ?? "http://127.0.0.1:9324" }));
builder.Services.AddSingleton(sp => new OrderArchive(sp.GetRequiredService<IAmazonS3>(), builder.Configuration["Archive:Bucket"] ?? "orders"));
builder.Services.AddSingleton<ShippingWorker>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ShippingWorker>());

var app = builder.Build();
app.MapGet("/", () => "Hello from Orders.Worker");
app.MapGet("/status", (ShippingWorker worker, InMemoryOrders orders) => new { shipped = worker.Shipped, held = orders.Count, about = Catalog.Describe() });
app.Run();

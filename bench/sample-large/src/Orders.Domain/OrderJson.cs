using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;

namespace Orders.Domain;

/// <summary>The JSON every service writes and reads orders in.</summary>
public static class OrderJson
{
    public static readonly JsonSerializerSettings Settings = new()
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver(),
        Converters = { new StringEnumConverter() },
        NullValueHandling = NullValueHandling.Ignore,
        Formatting = Formatting.None,
    };

    public static string Write(Order order) => JsonConvert.SerializeObject(Snapshot.Of(order), Settings);

    public static Snapshot Read(string json) =>
        JsonConvert.DeserializeObject<Snapshot>(json, Settings) ?? throw new JsonSerializationException("Empty order document.");

    public sealed record Snapshot(string Id, string CustomerId, OrderStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? ShippedAt, decimal Total, string Currency, IReadOnlyList<LineSnapshot> Lines)
    {
        public static Snapshot Of(Order order) => new(
            order.Id,
            order.Customer.Id,
            order.Status,
            order.CreatedAt,
            order.ShippedAt,
            order.Total.Amount,
            order.Currency,
            order.Lines.Select(l => new LineSnapshot(l.Sku, l.Quantity, l.UnitPrice.Amount)).ToList());
    }

    public sealed record LineSnapshot(string Sku, int Quantity, decimal UnitPrice);
}

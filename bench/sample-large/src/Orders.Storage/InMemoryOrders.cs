using System.Collections.Concurrent;
using Orders.Domain;

namespace Orders.Storage;

/// <summary>The orders a service holds while it runs; the archive keeps them for good.</summary>
public sealed class InMemoryOrders
{
    private readonly ConcurrentDictionary<string, Order> orders = new(StringComparer.Ordinal);
    private int next;

    public Order Create(Customer customer, DateTimeOffset now)
    {
        var id = $"o{Interlocked.Increment(ref next):D6}";
        var order = new Order(id, customer, now);
        orders[id] = order;
        return order;
    }

    public Order? Find(string id) => orders.TryGetValue(id, out var order) ? order : null;

    public IReadOnlyList<Order> WithStatus(OrderStatus status) =>
        orders.Values.Where(o => o.Status == status).OrderBy(o => o.CreatedAt).ToList();

    public int Count => orders.Count;
}

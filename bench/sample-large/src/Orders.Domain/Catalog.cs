namespace Orders.Domain;

/// <summary>The products the sample sells, and what the domain says about itself.</summary>
public static class Catalog
{
    private static readonly Dictionary<string, (string Name, decimal Price)> Products = new(StringComparer.Ordinal)
    {
        ["BK-001"] = ("Field notebook", 12.50m),
        ["BK-002"] = ("Pocket notebook", 6.90m),
        ["PN-010"] = ("Fountain pen", 48.00m),
        ["PN-011"] = ("Ink, blue-black", 9.80m),
        ["BG-100"] = ("Canvas bag", 64.00m),
    };

    public static IEnumerable<string> Skus => Products.Keys;

    public static OrderLine Line(string sku, int quantity, string currency = "EUR") =>
        Products.TryGetValue(sku, out var product)
            ? new OrderLine(sku, product.Name, quantity, new Money(product.Price, currency))
            : throw new KeyNotFoundException($"No product {sku}.");

    public static string Describe() => "Orders.Domain catalog";
}

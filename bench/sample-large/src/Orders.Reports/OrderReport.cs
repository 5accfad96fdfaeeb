using System.Globalization;
using System.Text;
using Humanizer;
using Orders.Domain;

namespace Orders.Reports;

/// <summary>Orders in words, in the reader's language: "placed 3 hours ago", "two notebooks".</summary>
public static class OrderReport
{
    public static string Describe(Order order, DateTimeOffset now, CultureInfo culture)
    {
        var text = new StringBuilder();
        text.Append(culture.TextInfo.ToTitleCase(order.Status.Humanize(LetterCasing.LowerCase)));
        text.Append(", created ");
        text.Append(order.CreatedAt.Humanize(now, culture));
        text.Append(": ");
        text.Append(string.Join(", ", order.Lines.Select(l => $"{l.Quantity.ToWords(culture)} × {l.Name}")));
        text.Append(". Total ");
        text.Append(order.Total);
        text.Append('.');
        return text.ToString();
    }

    public static string Age(Order order, DateTimeOffset now, CultureInfo culture) =>
        (now - order.CreatedAt).Humanize(precision: 2, culture: culture);

    public static IReadOnlyDictionary<string, string> Summary(IEnumerable<Order> orders, CultureInfo culture) =>
        orders.GroupBy(o => o.Status)
            .OrderBy(g => g.Key)
            .ToDictionary(g => g.Key.ToString(), g => "order".ToQuantity(g.Count(), ShowQuantityAs.Words).Transform(To.SentenceCase));
}

// The same source, compiled once against each catalog crate (`api` names it): a call that sets
// all twelve optional parameters of `many_params.yaml` by name. A spec that grows a thirteenth
// adds a setter and a field; nothing here changes.
{
    let since = chrono::DateTime::parse_from_rfc3339("2024-05-01T10:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    client
        .search_products()
        .q("lamp")
        .limit(20)
        .offset(40)
        .sort(api::SearchProductsSort::Price)
        .descending(true)
        .since(since)
        .tags(vec!["desk".to_owned(), "led".to_owned()])
        .min_price(9.5)
        .max_price(120.0)
        .currency("EUR")
        .in_stock(true)
        .lang("de")
        .send().await
}

package dev.orderservice.publish;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Small built-in lists that make generated orders read like real ones. Some names are non-ASCII
 * on purpose: they exercise UTF-8 all the way to PostgreSQL and back to the web page.
 */
final class Catalog {

    static final List<String> FIRST_NAMES = List.of("Ivan", "Olga", "Dmitry", "Anna", "Sergey", "Maria",
            "Noa", "Yosef", "Aigerim", "Nurlan", "John", "Emily", "Алексей", "Татьяна", "José", "Zoë", "Łukasz",
            "Søren", "Ayşe", "Chloé");
    static final List<String> LAST_NAMES = List.of("Ivanov", "Petrova", "Smirnov", "Kuznetsova", "Cohen", "Levi",
            "Nurlanov", "Akhmetova", "Smith", "Brown", "Смирнов", "Иванова", "Álvarez", "Müller", "Wójcik",
            "Jørgensen", "Yılmaz", "Lefèvre");
    static final List<String> EMAIL_HANDLES = List.of("ivan", "olga.p", "dmitry88", "anna_k", "noa.levi",
            "aigerim", "jsmith", "emily.b", "alex", "tanya", "jose.a", "zoe.m", "lukasz", "soren", "ayse", "chloe");
    static final List<String> EMAIL_DOMAINS = List.of("gmail.com", "yandex.ru", "mail.ru", "outlook.com",
            "walla.co.il", "proton.me");
    static final List<Place> PLACES = List.of(
            new Place("Kiryat Mozkin", "Kraiot", "+972", 7),
            new Place("Tel Aviv", "Tel Aviv District", "+972", 7),
            new Place("Moscow", "Moscow", "+7", 6),
            new Place("Санкт-Петербург", "Ленинградская область", "+7", 6),
            new Place("Kazan", "Tatarstan", "+7", 6),
            new Place("Almaty", "Almaty Region", "+7", 6),
            new Place("Astana", "Akmola", "+7", 6),
            new Place("Minsk", "Minsk Region", "+375", 6),
            new Place("Yerevan", "Yerevan", "+374", 4),
            new Place("Tbilisi", "Tbilisi", "+995", 4),
            new Place("Kraków", "Małopolskie", "+48", 5),
            new Place("Berlin", "Berlin", "+49", 5));
    static final List<String> STREETS = List.of("Ploshad Mira", "Lenina", "Tverskaya", "Herzl", "Rothschild Blvd",
            "Abay Ave", "Nevsky Prospekt", "Rustaveli Ave", "ul. Floriańska", "Unter den Linden", "Sadovaya",
            "Дзержинского");
    static final List<Product> PRODUCTS = List.of(
            new Product("Mascaras", "Vivienne Sabo", 300, 900, List.of("0")),
            new Product("Lipstick", "Maybelline", 250, 1200, List.of("0")),
            new Product("Face cream", "Natura Siberica", 400, 2500, List.of("0")),
            new Product("T-shirt", "Befree", 500, 2500, List.of("XS", "S", "M", "L", "XL")),
            new Product("Jeans", "Levi's", 3000, 12000, List.of("28", "30", "32", "34", "36")),
            new Product("Sneakers", "Nike", 5000, 18000, List.of("38", "39", "40", "41", "42", "43", "44")),
            new Product("Winter jacket", "Finn Flare", 8000, 30000, List.of("44", "46", "48", "50", "52")),
            new Product("Phone case", "Spigen", 400, 2000, List.of("0")),
            new Product("Wireless earbuds", "Xiaomi", 1500, 9000, List.of("0")),
            new Product("Frying pan", "Tefal", 1200, 6000, List.of("24", "26", "28")),
            new Product("Чайник", "Redmond", 1500, 5000, List.of("0")),
            new Product("Children's book", "Эксмо", 200, 1200, List.of("0")),
            new Product("Yoga mat", "Demix", 800, 3500, List.of("0")),
            new Product("Backpack", "Xiaomi", 1500, 6000, List.of("0")),
            new Product("Socks 5 pairs", "Gloria Jeans", 300, 900, List.of("23-25", "25-27", "27-29")));
    static final List<String> CURRENCIES = List.of("USD", "RUB", "EUR", "KZT", "ILS");
    static final List<String> PROVIDERS = List.of("wbpay", "wbpay", "applepay", "googlepay", "sbp");
    static final List<String> BANKS = List.of("alpha", "sber", "tinkoff", "vtb", "kaspi", "hapoalim");
    static final List<String> DELIVERY_SERVICES = List.of("meest", "cdek", "boxberry", "pochta", "dhl", "wb");
    static final List<String> LOCALES = List.of("en", "en", "ru", "ru", "kk", "he");
    static final List<Integer> SALES_PERCENT = List.of(0, 0, 0, 5, 10, 15, 20, 25, 30, 30, 40, 50, 70);
    static final List<Integer> ITEM_STATUSES = List.of(202, 202, 202, 200, 201, 203);

    record Place(String city, String region, String phonePrefix, int zipDigits) {
    }

    record Product(String name, String brand, long minPrice, long maxPrice, List<String> sizes) {
    }

    private Catalog() {
    }

    static <T> T pick(List<T> values, RandomGenerator random) {
        return values.get(random.nextInt(values.size()));
    }
}

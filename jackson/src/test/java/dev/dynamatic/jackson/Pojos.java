package dev.dynamatic.jackson;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Jackson-annotated classes for the tests: a mutable bean, an immutable class with a creator and an unwrapped part,
 * and a polymorphic record hierarchy. Equality is by content, numbers numerically (DynamoDB normalises them).
 */
final class Pojos {

    private Pojos() {
    }

    enum Tier { BRONZE, SILVER, GOLD }

    /** A mutable bean: renamed, ignored and nullable properties, sets, nested maps and a nested bean. */
    static final class Customer {
        @JsonProperty("PK")
        private String id;
        private String name;
        private BigDecimal balance;
        private BigInteger lifetimePoints;
        private long visits;
        private int age;
        private double score;
        private boolean active;
        private Boolean newsletter;
        private byte[] avatar;
        @JsonInclude(JsonInclude.Include.NON_EMPTY) // Jackson leaves an empty set out, so it reads back empty
        private Set<String> tags = new HashSet<>();
        private Set<Long> favourites;
        private List<String> notes = new ArrayList<>();
        private Map<String, List<Long>> history = new LinkedHashMap<>();
        private Address address;
        private Instant createdAt;
        private LocalDate birthday;
        private UUID token;
        private Tier tier;
        @JsonIgnore
        private String sessionOnly;

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public BigDecimal getBalance() {
            return balance;
        }

        public void setBalance(BigDecimal balance) {
            this.balance = balance;
        }

        public BigInteger getLifetimePoints() {
            return lifetimePoints;
        }

        public void setLifetimePoints(BigInteger lifetimePoints) {
            this.lifetimePoints = lifetimePoints;
        }

        public long getVisits() {
            return visits;
        }

        public void setVisits(long visits) {
            this.visits = visits;
        }

        public int getAge() {
            return age;
        }

        public void setAge(int age) {
            this.age = age;
        }

        public double getScore() {
            return score;
        }

        public void setScore(double score) {
            this.score = score;
        }

        public boolean isActive() {
            return active;
        }

        public void setActive(boolean active) {
            this.active = active;
        }

        public Boolean getNewsletter() {
            return newsletter;
        }

        public void setNewsletter(Boolean newsletter) {
            this.newsletter = newsletter;
        }

        public byte[] getAvatar() {
            return avatar;
        }

        public void setAvatar(byte[] avatar) {
            this.avatar = avatar;
        }

        public Set<String> getTags() {
            return tags;
        }

        public void setTags(Set<String> tags) {
            this.tags = tags;
        }

        public Set<Long> getFavourites() {
            return favourites;
        }

        public void setFavourites(Set<Long> favourites) {
            this.favourites = favourites;
        }

        public List<String> getNotes() {
            return notes;
        }

        public void setNotes(List<String> notes) {
            this.notes = notes;
        }

        public Map<String, List<Long>> getHistory() {
            return history;
        }

        public void setHistory(Map<String, List<Long>> history) {
            this.history = history;
        }

        public Address getAddress() {
            return address;
        }

        public void setAddress(Address address) {
            this.address = address;
        }

        public Instant getCreatedAt() {
            return createdAt;
        }

        public void setCreatedAt(Instant createdAt) {
            this.createdAt = createdAt;
        }

        public LocalDate getBirthday() {
            return birthday;
        }

        public void setBirthday(LocalDate birthday) {
            this.birthday = birthday;
        }

        public UUID getToken() {
            return token;
        }

        public void setToken(UUID token) {
            this.token = token;
        }

        public Tier getTier() {
            return tier;
        }

        public void setTier(Tier tier) {
            this.tier = tier;
        }

        public String getSessionOnly() {
            return sessionOnly;
        }

        public void setSessionOnly(String sessionOnly) {
            this.sessionOnly = sessionOnly;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Customer c
                    && Objects.equals(id, c.id) && Objects.equals(name, c.name)
                    && numericallyEqual(balance, c.balance) && Objects.equals(lifetimePoints, c.lifetimePoints)
                    && visits == c.visits && age == c.age && score == c.score && active == c.active
                    && Objects.equals(newsletter, c.newsletter) && Arrays.equals(avatar, c.avatar)
                    && Objects.equals(tags, c.tags) && Objects.equals(favourites, c.favourites)
                    && Objects.equals(notes, c.notes) && Objects.equals(history, c.history)
                    && Objects.equals(address, c.address) && Objects.equals(createdAt, c.createdAt)
                    && Objects.equals(birthday, c.birthday) && Objects.equals(token, c.token) && tier == c.tier
                    && Objects.equals(sessionOnly, c.sessionOnly);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, name);
        }

        @Override
        public String toString() {
            return "Customer{id=" + id + ", name=" + name + ", balance=" + balance + ", lifetimePoints="
                    + lifetimePoints + ", visits=" + visits + ", age=" + age + ", score=" + score + ", active=" + active
                    + ", newsletter=" + newsletter + ", avatar=" + Arrays.toString(avatar) + ", tags=" + tags
                    + ", favourites=" + favourites + ", notes=" + notes + ", history=" + history + ", address="
                    + address + ", createdAt=" + createdAt + ", birthday=" + birthday + ", token=" + token
                    + ", tier=" + tier + ", sessionOnly=" + sessionOnly + "}";
        }
    }

    /** A nested bean whose absent properties are left out of the item, not written as NULL. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class Address {
        private String street;
        private String city;
        private List<String> lines = new ArrayList<>();

        public String getStreet() {
            return street;
        }

        public void setStreet(String street) {
            this.street = street;
        }

        public String getCity() {
            return city;
        }

        public void setCity(String city) {
            this.city = city;
        }

        public List<String> getLines() {
            return lines;
        }

        public void setLines(List<String> lines) {
            this.lines = lines;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Address a && Objects.equals(street, a.street) && Objects.equals(city, a.city)
                    && Objects.equals(lines, a.lines);
        }

        @Override
        public int hashCode() {
            return Objects.hash(street, city, lines);
        }

        @Override
        public String toString() {
            return "Address{street=" + street + ", city=" + city + ", lines=" + lines + "}";
        }
    }

    /** An amount with its currency, unwrapped into the owner's attributes. */
    static final class Money {
        private final BigDecimal amount;
        private final String currency;

        @JsonCreator
        Money(@JsonProperty("amount") BigDecimal amount, @JsonProperty("currency") String currency) {
            this.amount = amount;
            this.currency = currency;
        }

        public BigDecimal getAmount() {
            return amount;
        }

        public String getCurrency() {
            return currency;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Money m && numericallyEqual(amount, m.amount) && Objects.equals(currency, m.currency);
        }

        @Override
        public int hashCode() {
            return Objects.hash(currency);
        }

        @Override
        public String toString() {
            return amount + " " + currency;
        }
    }

    /** An immutable class built through its creator, with an unwrapped part, binary values and number sets. */
    static final class Order {
        private final String orderId;
        private final List<Line> lines;
        private final Set<Long> productIds;
        private final Set<BigDecimal> discounts;
        private final Set<byte[]> signatures;
        private final ByteBuffer receipt;
        private final Money total;
        private final String note;

        @JsonCreator
        Order(@JsonProperty("orderId") String orderId, @JsonProperty("lines") List<Line> lines,
              @JsonProperty("productIds") Set<Long> productIds, @JsonProperty("discounts") Set<BigDecimal> discounts,
              @JsonProperty("signatures") Set<byte[]> signatures, @JsonProperty("receipt") ByteBuffer receipt,
              @JsonProperty("total") Money total, @JsonProperty("note") String note) {
            this.orderId = orderId;
            this.lines = lines;
            this.productIds = productIds;
            this.discounts = discounts;
            this.signatures = signatures;
            this.receipt = receipt;
            this.total = total;
            this.note = note;
        }

        public String getOrderId() {
            return orderId;
        }

        public List<Line> getLines() {
            return lines;
        }

        public Set<Long> getProductIds() {
            return productIds;
        }

        public Set<BigDecimal> getDiscounts() {
            return discounts;
        }

        public Set<byte[]> getSignatures() {
            return signatures;
        }

        public ByteBuffer getReceipt() {
            return receipt;
        }

        @JsonUnwrapped(prefix = "total_")
        public Money getTotal() {
            return total;
        }

        @JsonInclude(JsonInclude.Include.NON_NULL)
        public String getNote() {
            return note;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Order x && Objects.equals(orderId, x.orderId) && Objects.equals(lines, x.lines)
                    && Objects.equals(productIds, x.productIds)
                    && Objects.equals(stripped(discounts), stripped(x.discounts))
                    && Objects.equals(contents(signatures), contents(x.signatures))
                    && Objects.equals(receipt, x.receipt) && Objects.equals(total, x.total)
                    && Objects.equals(note, x.note);
        }

        @Override
        public int hashCode() {
            return Objects.hash(orderId);
        }

        @Override
        public String toString() {
            return "Order{orderId=" + orderId + ", lines=" + lines + ", productIds=" + productIds + ", discounts="
                    + discounts + ", signatures=" + contents(signatures) + ", receipt=" + receipt + ", total=" + total
                    + ", note=" + note + "}";
        }
    }

    /** A record: Jackson reads it through its canonical constructor. */
    record Line(String sku, int quantity, BigDecimal price, List<List<String>> options) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Line l && Objects.equals(sku, l.sku) && quantity == l.quantity
                    && numericallyEqual(price, l.price) && Objects.equals(options, l.options);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sku, quantity);
        }
    }

    /** A polymorphic hierarchy: the type id is an attribute of the item. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = Circle.class, name = "circle"),
            @JsonSubTypes.Type(value = Polygon.class, name = "polygon")})
    sealed interface Shape permits Circle, Polygon {
    }

    record Circle(String id, BigDecimal radius, Shape inner) implements Shape {
        @Override
        public boolean equals(Object o) {
            return o instanceof Circle c && Objects.equals(id, c.id) && numericallyEqual(radius, c.radius)
                    && Objects.equals(inner, c.inner);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id);
        }
    }

    record Polygon(String id, List<Point> points, Set<String> labels, Map<String, Object> extra) implements Shape {
    }

    record Point(double x, double y) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Point p && x == p.x && y == p.y; // 0.0 == -0.0, as DynamoDB stores both as 0
        }

        @Override
        public int hashCode() {
            return Objects.hash(x == 0 ? 0.0 : x, y == 0 ? 0.0 : y);
        }
    }

    static boolean numericallyEqual(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    static Set<BigDecimal> stripped(Set<BigDecimal> set) {
        return set == null ? null : set.stream().map(BigDecimal::stripTrailingZeros).collect(Collectors.toSet());
    }

    static Set<ByteBuffer> contents(Set<byte[]> set) {
        return set == null ? null : set.stream().map(ByteBuffer::wrap).collect(Collectors.toSet());
    }
}

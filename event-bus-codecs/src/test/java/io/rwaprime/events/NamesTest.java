package io.rwaprime.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamesTest {

  @Test
  void addressesHaveTheAgreedNames() {
    assertThat(Addresses.RAW_PRICE).isEqualTo("rwa.raw.price");
    assertThat(Addresses.RAW_ONCHAIN).isEqualTo("rwa.raw.onchain");
    assertThat(Addresses.RAW_MACRO).isEqualTo("rwa.raw.macro");
    assertThat(Addresses.RAW_NEWS).isEqualTo("rwa.raw.news");
    assertThat(Addresses.TICKS).isEqualTo("rwa.ticks");
    assertThat(Addresses.ticks("OUSG")).isEqualTo("rwa.ticks.OUSG");
    assertThat(Addresses.bars(BarInterval.M5)).isEqualTo("rwa.bars.5m");
    assertThat(Addresses.FORECASTS).isEqualTo("rwa.forecasts");
    assertThat(Addresses.RISK).isEqualTo("rwa.risk");
    assertThat(Addresses.alertsForUser("u-42")).isEqualTo("rwa.alerts.user.u-42").startsWith(Addresses.ALERTS_USER_PREFIX);
    assertThat(Addresses.ONCHAIN).isEqualTo("rwa.onchain");
    assertThat(Addresses.ONCHAIN_EVENTS).isEqualTo("rwa.onchain.events");
    assertThat(Addresses.ONCHAIN_WALLET).isEqualTo("rwa.onchain.wallet");
    assertThat(Addresses.MACRO).isEqualTo("rwa.macro");
    assertThat(Addresses.NEWS).isEqualTo("rwa.news");
    assertThat(Addresses.FEED_STATUS).isEqualTo("rwa.feeds.status");
    assertThat(Addresses.DEAD_LETTER).isEqualTo("rwa.dead-letter");
  }

  @Test
  void mapsRecordKindsToRawAddressesAndTopics() {
    assertThat(Addresses.rawAddress(RecordKind.PRICE)).isEqualTo(Addresses.RAW_PRICE);
    assertThat(Addresses.rawAddress(RecordKind.ONCHAIN)).isEqualTo(Addresses.RAW_ONCHAIN);
    assertThat(Addresses.rawAddress(RecordKind.MACRO)).isEqualTo(Addresses.RAW_MACRO);
    assertThat(Addresses.rawAddress(RecordKind.NEWS)).isEqualTo(Addresses.RAW_NEWS);
    assertThat(Topics.rawTopic(RecordKind.PRICE)).isEqualTo("price-data-raw");
    assertThat(Topics.rawTopic(RecordKind.ONCHAIN)).isEqualTo("onchain-data-raw");
    assertThat(Topics.rawTopic(RecordKind.MACRO)).isEqualTo("economic-data-raw");
    assertThat(Topics.rawTopic(RecordKind.NEWS)).isEqualTo("news-sentiment-raw");
  }

  @Test
  void topicsHaveTheAgreedNames() {
    assertThat(Topics.TICKS_CLEAN).isEqualTo("ticks-clean");
    assertThat(Topics.bars(BarInterval.D1)).isEqualTo("bars-1d");
    assertThat(Topics.PREDICTIONS).isEqualTo("predictions");
    assertThat(Topics.RISK_SCORES).isEqualTo("risk-scores");
    assertThat(Topics.ALERTS_TRIGGERED).isEqualTo("alerts-triggered");
    assertThat(Topics.DEAD_LETTER).isEqualTo("dead-letter");
  }

  @Test
  void refusesAddressesBuiltFromInvalidNames() {
    assertThatThrownBy(() -> Addresses.ticks("ousg")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Addresses.alertsForUser(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Addresses.alertsForUser("a b")).isInstanceOf(IllegalArgumentException.class);
  }
}

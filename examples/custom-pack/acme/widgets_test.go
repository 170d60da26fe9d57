package acme

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/stretchr/testify/assert"
)

func TestWidgetSize(t *testing.T) {
	widget := packtest.ResourceCase(widgetType, "analytics")
	packtest.Run(t, Policies(), "acme-widget-size", []packtest.Case{
		packtest.Named(widget(packtest.Props{"size": "large"}), "large widget", packtest.Violation,
			"widget analytics is \"large\", not one of the allowed sizes (small, medium)"),
		packtest.Named(widget(packtest.Props{"size": "small"}), "small widget", packtest.Pass, ""),
		packtest.Named(widget(packtest.Props{}), "size left to the provider", packtest.Pass, ""),
		packtest.Named(widget(packtest.Props{"size": packtest.Unknown}), "size unknown during preview",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Configured(packtest.Named(widget(packtest.Props{"size": "large"}), "large allowed by config",
			packtest.Pass, ""), map[string]any{"allowedSizes": []any{"large"}}),
	})
}

func TestWidgetSizeRefusesAnEmptyList(t *testing.T) {
	err := packtest.ConfigError(t, Policies(), "acme-widget-size", map[string]any{"allowedSizes": []any{}})
	assert.ErrorContains(t, err,
		"allowedSizes: an empty list allows no widget at all")
}

// Starts Swagger UI on /docs (a file, not an inline script: the page's CSP allows scripts
// from this server only). The validator badge is off: it would call an outside service.
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
});

console.log(require("debug")("x").enabled)

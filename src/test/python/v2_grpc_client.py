"""A real gRPC client of digitnet's inference.GRPCInferenceService, for GrpcPythonClientIntegrationTests.

Uses Debian's python3-grpcio with stubs that grpc_tools.protoc generated from src/main/protobuf/grpc_predict_v2.proto
in the test run. Calls every RPC, inference in the typed (fp32_contents) and the raw (raw_input_contents) forms, and
prints what came back as one JSON object; the Java test compares it with its own reference computations.

usage: v2_grpc_client.py STUBS_DIR PORT MODEL_ID ALIAS OTHER_ID IMAGES_FILE N [MODE]

MODE (default: every RPC):
  key:KEY       ModelInfer without a key, with a wrong one, with "authorization: Bearer KEY" and "x-api-key: KEY"
  not-ready:KEY health and ModelInfer (with the key) while the server is not ready
  limits:MAX:KEY  with the key: MAX images, MAX + 1 images, and a message past the size limit (raw and typed)
  classes       for MODEL_ID and ALIAS: the metadata's and the answer's parameters, classification typed and raw
"""
import json
import struct
import sys

sys.path.insert(0, sys.argv[1])

import grpc  # noqa: E402
import grpc_predict_v2_pb2 as pb  # noqa: E402
import grpc_predict_v2_pb2_grpc as pb_grpc  # noqa: E402

port, model, alias, other, images_file, n = sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6], int(
    sys.argv[7])
mode = sys.argv[8] if len(sys.argv) > 8 else ""

with open(images_file, "rb") as f:
    raw_images = f.read()
pixels = list(struct.unpack("<%df" % (n * 784), raw_images))

channel = grpc.insecure_channel("localhost:" + port, options=[("grpc.max_send_message_length", 64 << 20)])
stub = pb_grpc.GRPCInferenceServiceStub(channel)
out = {}


def error(call):
    """The status code name and message of a call that fails, or None if it succeeded."""
    try:
        call()
        return None
    except grpc.RpcError as e:
        return {"code": e.code().name, "message": e.details()}


def infer_request(name, version="", raw=False, outputs=(), shape=(n, 784), datatype="FP32", data=None, **params):
    request = pb.ModelInferRequest(model_name=name, model_version=version, id="py-1")
    tensor = request.inputs.add(name="pixels", datatype=datatype, shape=list(shape))
    if raw:
        request.raw_input_contents.append(raw_images if data is None else data)
    else:
        tensor.contents.fp32_contents.extend(pixels if data is None else data)
    for output_name, k in outputs:
        output = request.outputs.add(name=output_name)
        if k:
            output.parameters["classification"].int64_param = k
    for key, value in params.items():
        request.parameters[key].string_param = value
    return request


def tensors(response):
    """Each output as {name, datatype, shape, data}, decoding raw_output_contents the way Triton's clients do."""
    result = []
    for i, output in enumerate(response.outputs):
        tensor = {"name": output.name, "datatype": output.datatype, "shape": list(output.shape)}
        if len(response.raw_output_contents) > 0:
            raw = response.raw_output_contents[i]
            if output.datatype == "FP32":
                tensor["data"] = list(struct.unpack("<%df" % (len(raw) // 4), raw))
            else:
                values, at = [], 0
                while at < len(raw):
                    (length,) = struct.unpack_from("<I", raw, at)
                    values.append(raw[at + 4:at + 4 + length].decode("utf-8"))
                    at += 4 + length
                tensor["data"] = values
            tensor["form"] = "raw"
        else:
            contents = output.contents
            tensor["data"] = list(contents.fp32_contents) if output.datatype == "FP32" else [
                b.decode("utf-8") for b in contents.bytes_contents]
            tensor["form"] = "typed"
        result.append(tensor)
    return {"model_name": response.model_name, "model_version": response.model_version, "id": response.id,
            "outputs": result}


def parameters(message):
    """A parameters map as {name: value}, whichever of the oneof is set."""
    return {k: getattr(v, v.WhichOneof("parameter_choice")) for k, v in message.parameters.items()}


if mode.startswith("key:"):
    api_key = mode[4:]
    request = infer_request(model)
    out["no_key"] = error(lambda: stub.ModelInfer(request))
    out["wrong_key"] = error(lambda: stub.ModelInfer(request, metadata=[("x-api-key", "wrong")]))
    out["bearer"] = tensors(stub.ModelInfer(request, metadata=[("authorization", "Bearer " + api_key)]))
    out["x_api_key"] = tensors(stub.ModelInfer(request, metadata=[("x-api-key", api_key)]))
    out["metadata_without_key"] = stub.ModelMetadata(pb.ModelMetadataRequest(name=model)).name
    print(json.dumps(out))
    sys.exit(0)

if mode.startswith("not-ready:"):
    key = [("x-api-key", mode.split(":", 1)[1])]
    out["live"] = stub.ServerLive(pb.ServerLiveRequest()).live
    out["ready"] = stub.ServerReady(pb.ServerReadyRequest()).ready
    out["infer"] = error(lambda: stub.ModelInfer(infer_request(model), metadata=key))
    out["infer_raw"] = error(lambda: stub.ModelInfer(infer_request(model, raw=True), metadata=key))
    print(json.dumps(out))
    sys.exit(0)

if mode.startswith("limits:"):
    _, most, api_key = mode.split(":", 2)
    key = [("authorization", "Bearer " + api_key)]
    rows = int(most) + 1
    out["batch_at_limit"] = tensors(stub.ModelInfer(infer_request(
        model, raw=True, shape=(rows - 1, 784), data=bytes((rows - 1) * 784 * 4)), metadata=key))
    out["batch_too_large_typed"] = error(lambda: stub.ModelInfer(
        infer_request(model, shape=(rows, 784), data=[0.5] * (rows * 784)), metadata=key))
    out["batch_too_large_raw"] = error(lambda: stub.ModelInfer(
        infer_request(model, raw=True, shape=(rows, 784), data=bytes(rows * 784 * 4)), metadata=key))
    big = 64 * rows
    out["message_too_large_raw"] = error(lambda: stub.ModelInfer(
        infer_request(model, raw=True, shape=(big, 784), data=bytes(big * 784 * 4)), metadata=key))
    out["message_too_large_typed"] = error(lambda: stub.ModelInfer(
        infer_request(model, shape=(big, 784), data=[0.5] * (big * 784)), metadata=key))
    print(json.dumps(out))
    sys.exit(0)

if mode == "classes":
    for name in (model, alias):
        meta = stub.ModelMetadata(pb.ModelMetadataRequest(name=name))
        typed = stub.ModelInfer(infer_request(name, outputs=[("probabilities", 0), ("probabilities", 3)]))
        raw = stub.ModelInfer(infer_request(name, raw=True, outputs=[("probabilities", 2)]))
        out[name] = {
            "metadata_parameters": parameters(meta),
            "output_parameters": parameters(meta.outputs[0]),
            "output_shape": list(meta.outputs[0].shape),
            "typed_parameters": parameters(typed),
            "raw_parameters": parameters(raw),
            "typed": tensors(typed),
            "raw": tensors(raw)}
    print(json.dumps(out))
    sys.exit(0)

out["live"] = stub.ServerLive(pb.ServerLiveRequest()).live
out["ready"] = stub.ServerReady(pb.ServerReadyRequest()).ready
metadata = stub.ServerMetadata(pb.ServerMetadataRequest())
out["server"] = {"name": metadata.name, "version": metadata.version, "extensions": list(metadata.extensions)}
out["model_ready"] = stub.ModelReady(pb.ModelReadyRequest(name=alias)).ready
model_metadata = stub.ModelMetadata(pb.ModelMetadataRequest(name=alias))
alias_version = model_metadata.versions[0]
out["model_ready_version"] = stub.ModelReady(pb.ModelReadyRequest(name=alias, version=alias_version)).ready
out["model_metadata"] = {
    "name": model_metadata.name, "parameters": parameters(model_metadata),
    "output_parameters": parameters(model_metadata.outputs[0]), "versions": list(model_metadata.versions), "platform": model_metadata.platform,
    "inputs": [{"name": t.name, "datatype": t.datatype, "shape": list(t.shape)} for t in model_metadata.inputs],
    "outputs": [{"name": t.name, "datatype": t.datatype, "shape": list(t.shape)} for t in model_metadata.outputs]}

typed = stub.ModelInfer(infer_request(alias))
out["typed"] = tensors(typed)
out["typed"]["parameters"] = parameters(typed)
out["raw"] = tensors(stub.ModelInfer(infer_request(alias, version=alias_version, raw=True)))
out["typed_classification"] = tensors(stub.ModelInfer(infer_request(model, outputs=[("probabilities", 3)])))
out["raw_classification"] = tensors(stub.ModelInfer(
    infer_request(model, raw=True, outputs=[("probabilities", 2), ("probabilities", 0)])))
byte_pixels = [round(p * 255) for p in pixels]
out["byte_range"] = tensors(stub.ModelInfer(infer_request(model, data=byte_pixels, pixel_range="byte")))

out["errors"] = {
    "unknown_model": error(lambda: stub.ModelInfer(infer_request("m-20000101000000000-abcdef"))),
    "unknown_alias_ready": error(lambda: stub.ModelReady(pb.ModelReadyRequest(name="nothing-here"))),
    "unknown_metadata": error(lambda: stub.ModelMetadata(pb.ModelMetadataRequest(name="nothing-here"))),
    "wrong_version": error(lambda: stub.ModelInfer(infer_request(alias, version=other))),
    "bad_shape": error(lambda: stub.ModelInfer(infer_request(model, shape=(n, 28, 28)))),
    "bad_datatype": error(lambda: stub.ModelInfer(infer_request(model, datatype="INT32"))),
    "short_data": error(lambda: stub.ModelInfer(infer_request(model, data=pixels[:-1]))),
    "raw_not_multiple_of_4": error(lambda: stub.ModelInfer(infer_request(model, raw=True, data=raw_images[:-1]))),
    "unknown_output": error(lambda: stub.ModelInfer(infer_request(model, outputs=[("logits", 0)]))),
    "too_large": error(lambda: stub.ModelInfer(infer_request(
        model, raw=True, shape=(5400, 784), data=bytes(5400 * 784 * 4)))),
}
print(json.dumps(out))

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {ShortString, ShortStrings} from "@openzeppelin/contracts/utils/ShortStrings.sol";

/// @title Test stand-in for USDC on Base (6 decimals, EIP-3009, FiatToken minter roles).
/// @notice Its runtime code is copied onto the canonical USDC address of a
/// local chain with anvil_setCode, where no constructor runs. Everything that
/// must survive that copy (name, symbol, EIP-712 domain) lives in immutables,
/// which are part of the runtime code; the master minter lives in storage and
/// is set once through initialize().
/// @dev The minting surface follows Circle's FiatToken: masterMinter,
/// configureMinter, removeMinter, isMinter, minterAllowance, mint (bounded by
/// the allowance, which it decrements), and pause/unpause/paused. Pausing only
/// stops configureMinter and mint here (FiatToken also stops transfers), so a
/// paused stand-in still lets a funded agent pay.
contract TestUSDC is ERC20, EIP712 {
    using ShortStrings for ShortString;

    bytes32 public constant TRANSFER_WITH_AUTHORIZATION_TYPEHASH = keccak256(
        "TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );
    bytes32 public constant RECEIVE_WITH_AUTHORIZATION_TYPEHASH = keccak256(
        "ReceiveWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );

    ShortString private immutable _tokenName;
    ShortString private immutable _tokenSymbol;
    ShortString private immutable _domainVersion;

    address private _masterMinter;
    bool private _paused;
    mapping(address minter => bool) private _minters;
    mapping(address minter => uint256 allowance) private _minterAllowed;
    mapping(address authorizer => mapping(bytes32 nonce => bool used)) private _authorizationUsed;

    event AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce);
    event MinterInitialized(address indexed minter);
    event MinterConfigured(address indexed minter, uint256 minterAllowedAmount);
    event MinterRemoved(address indexed oldMinter);
    event Mint(address indexed minter, address indexed to, uint256 amount);
    event Pause();
    event Unpause();

    error AlreadyInitialized();
    error ZeroMinter();
    error NotMinter(address caller);
    error NotMasterMinter(address caller);
    error MintExceedsAllowance(uint256 allowance, uint256 value);
    error Paused();
    error AuthorizationNotYetValid(uint256 validAfter);
    error AuthorizationExpired(uint256 validBefore);
    error AuthorizationAlreadyUsed(address authorizer, bytes32 nonce);
    error InvalidSignature();
    error CallerMustBePayee(address caller, address payee);

    constructor(string memory name_, string memory symbol_, string memory version_)
        ERC20(name_, symbol_)
        EIP712(name_, version_)
    {
        _tokenName = ShortStrings.toShortString(name_);
        _tokenSymbol = ShortStrings.toShortString(symbol_);
        _domainVersion = ShortStrings.toShortString(version_);
    }

    modifier onlyMasterMinter() {
        if (msg.sender != _masterMinter) revert NotMasterMinter(msg.sender);
        _;
    }

    modifier whenNotPaused() {
        if (_paused) revert Paused();
        _;
    }

    /// @notice Sets the master minter, which is also a minter without limit. Callable once.
    function initialize(address minter_) external {
        if (_masterMinter != address(0)) revert AlreadyInitialized();
        if (minter_ == address(0)) revert ZeroMinter();
        _masterMinter = minter_;
        _minters[minter_] = true;
        _minterAllowed[minter_] = type(uint256).max;
        emit MinterInitialized(minter_);
        emit MinterConfigured(minter_, type(uint256).max);
    }

    /// @notice The master minter (kept under its older name for existing callers).
    function minter() external view returns (address) {
        return _masterMinter;
    }

    function masterMinter() external view returns (address) {
        return _masterMinter;
    }

    function isMinter(address account) external view returns (bool) {
        return _minters[account];
    }

    function minterAllowance(address minter_) external view returns (uint256) {
        return _minterAllowed[minter_];
    }

    function paused() external view returns (bool) {
        return _paused;
    }

    function configureMinter(address minter_, uint256 minterAllowedAmount)
        external
        onlyMasterMinter
        whenNotPaused
        returns (bool)
    {
        _minters[minter_] = true;
        _minterAllowed[minter_] = minterAllowedAmount;
        emit MinterConfigured(minter_, minterAllowedAmount);
        return true;
    }

    function removeMinter(address minter_) external onlyMasterMinter returns (bool) {
        _minters[minter_] = false;
        _minterAllowed[minter_] = 0;
        emit MinterRemoved(minter_);
        return true;
    }

    function pause() external onlyMasterMinter {
        _paused = true;
        emit Pause();
    }

    function unpause() external onlyMasterMinter {
        _paused = false;
        emit Unpause();
    }

    /// @notice Mints within the caller's allowance; an unlimited allowance is never decremented.
    function mint(address to, uint256 value) external whenNotPaused returns (bool) {
        if (!_minters[msg.sender]) revert NotMinter(msg.sender);
        uint256 allowed = _minterAllowed[msg.sender];
        if (allowed != type(uint256).max) {
            if (value > allowed) revert MintExceedsAllowance(allowed, value);
            _minterAllowed[msg.sender] = allowed - value;
        }
        _mint(to, value);
        emit Mint(msg.sender, to, value);
        return true;
    }

    function name() public view override returns (string memory) {
        return _tokenName.toString();
    }

    function symbol() public view override returns (string memory) {
        return _tokenSymbol.toString();
    }

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    function version() external view returns (string memory) {
        return _domainVersion.toString();
    }

    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    function authorizationState(address authorizer, bytes32 nonce) external view returns (bool) {
        return _authorizationUsed[authorizer][nonce];
    }

    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        bytes32 digest = _authorizationDigest(
            TRANSFER_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce
        );
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecover(digest, v, r, s);
        if (err != ECDSA.RecoverError.NoError || signer != from) revert InvalidSignature();
        _useAuthorization(from, nonce, validAfter, validBefore);
        _transfer(from, to, value);
    }

    /// @notice Same as the v,r,s form, with a packed signature (also accepts ERC-1271 wallets).
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes memory signature
    ) external {
        bytes32 digest = _authorizationDigest(
            TRANSFER_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce
        );
        if (!SignatureChecker.isValidSignatureNow(from, digest, signature)) revert InvalidSignature();
        _useAuthorization(from, nonce, validAfter, validBefore);
        _transfer(from, to, value);
    }

    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        if (msg.sender != to) revert CallerMustBePayee(msg.sender, to);
        bytes32 digest = _authorizationDigest(
            RECEIVE_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce
        );
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecover(digest, v, r, s);
        if (err != ECDSA.RecoverError.NoError || signer != from) revert InvalidSignature();
        _useAuthorization(from, nonce, validAfter, validBefore);
        _transfer(from, to, value);
    }

    function _authorizationDigest(
        bytes32 typehash,
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce
    ) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(typehash, from, to, value, validAfter, validBefore, nonce)));
    }

    function _useAuthorization(address authorizer, bytes32 nonce, uint256 validAfter, uint256 validBefore) private {
        if (block.timestamp <= validAfter) revert AuthorizationNotYetValid(validAfter);
        if (block.timestamp >= validBefore) revert AuthorizationExpired(validBefore);
        if (_authorizationUsed[authorizer][nonce]) revert AuthorizationAlreadyUsed(authorizer, nonce);
        _authorizationUsed[authorizer][nonce] = true;
        emit AuthorizationUsed(authorizer, nonce);
    }
}
